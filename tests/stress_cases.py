"""A tiny hand-built plant for the simulator's hand-checkable cases (on pytest's pythonpath)."""

from __future__ import annotations

import numpy as np

from cayo.stress import kernel as k
from cayo.stress.plant import Plant
from cayo.stress.samplers import Events, LinkUnits
from cayo.stress.system import System


def system(T: int = 48, links: LinkUnits | None = None, **plant: float) -> System:
    """Everything off: no load, no plant, no stocks; `plant` fields by name (e.g.
    water_tank_m3=100).

    Series are set afterwards with `System.with_series`. Efficiencies default to 1, start and
    running failures to 0, engine units to 0 kW, the grid goes first (`Plant`'s defaults).
    """
    p = Plant(**plant)  # type: ignore[arg-type]
    return System(
        series=np.zeros((T, k.N_SERIES)),
        plant=p,
        links=links or LinkUnits(np.zeros(0), np.zeros(0), ()),
        diesel_ship_h=np.zeros(0, dtype=np.int64),
        lpg_ship_h=np.zeros(0, dtype=np.int64),
        soc_kwh=np.full(T, p.soc0_kwh),
        level_m3=np.full(T, p.level0_m3),
        diesel_l=np.full(T, p.diesel0_l),
        grid_enabled=False,
        cut_window=(21, 7),
        fuel_modelled=True,
        nominal_grid_kw=np.zeros(T),
    )


def events(
    T: int, years: int = 1, items: list[tuple[int, int, int, float]] | None = None
) -> Events:
    """The same events every year: (kind, start hour, hours, value); no nightly cuts."""
    items = items or []
    n = len(items)
    return Events(
        ptr=np.arange(years + 1, dtype=np.int64) * n,
        kind=np.tile(np.array([i[0] for i in items], dtype=np.int64), years),
        start=np.tile(np.array([i[1] for i in items], dtype=np.int64), years),
        length=np.tile(np.array([i[2] for i in items], dtype=np.int64), years),
        value=np.tile(np.array([i[3] for i in items], dtype=float), years),
        cut_start=np.zeros((years, 0), dtype=np.uint8),
        cut_len=np.zeros((years, 0), dtype=np.uint8),
    )
