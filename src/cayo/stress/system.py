"""A solved plan as the stress simulator sees it: hourly series, plant parameters, link units,
ship days and the plan's hourly stocks."""

from __future__ import annotations

import math
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from cayo.demand.electricity import load_columns
from cayo.demand.town import TownDemand
from cayo.errors import CayoError
from cayo.scenario.schema import Scenario
from cayo.stress import kernel as k
from cayo.stress.plant import PLANT, Plant
from cayo.stress.samplers import LinkUnits
from cayo.supply.fixed import FixedParts
from cayo.supply.inputs import LPInputs
from cayo.supply.plan import SupplyPlan

MAX_UNITS = 32  # engine units the kernel tracks; larger plants get larger units
MAX_LINK_UNITS = 32
NO_FUEL_LIMIT_L = 1e15  # [L] stock when the plan has no fuel logistics (fuel simply arrives)
FORMAT = 4  # layout of the saved file (4: line hardening and the microgrid in the plant; 3: the
# REopt-style critical load as a series; 2: named plant parameters; 1: numbered parameters, no
# `format` entry); others are refused


@dataclass(frozen=True)
class System:
    """What the simulator runs.

    Attributes
    ----------
    series : [T × kernel.N_SERIES] hourly series in the kernel's row order and units.
    plant : the plant's parameters and starting stocks.
    links : the data-link units.
    diesel_ship_h, lpg_ship_h : hours ships are scheduled to arrive [h].
    soc_kwh, level_m3, diesel_l : the plan's hourly state at the end of each hour, where
        outages start from [kWh, m³, L].
    grid_enabled : the island grid is part of the plan; cut_window : (start hour, hours).
    fuel_modelled : the plan keeps a diesel stock (else fuel never runs out).
    nominal_grid_kw : the island grid the plan assumed, its nightly cuts included [kW].
    """

    series: np.ndarray
    plant: Plant
    links: LinkUnits
    diesel_ship_h: np.ndarray
    lpg_ship_h: np.ndarray
    soc_kwh: np.ndarray
    level_m3: np.ndarray
    diesel_l: np.ndarray
    grid_enabled: bool
    cut_window: tuple[int, int]
    fuel_modelled: bool
    nominal_grid_kw: np.ndarray

    @property
    def hours(self) -> int:
        """Hours in a year [h]."""
        return int(self.series.shape[0])

    def with_series(self, row: int, values: np.ndarray) -> System:
        """A copy with one series row replaced."""
        series = self.series.copy()
        series[:, row] = values
        return replace(self, series=series)

    def with_plant(self, **changes: Any) -> System:
        """A copy with plant parameters changed by name, e.g. ``water_tank_m3=500``."""
        return replace(self, plant=replace(self.plant, **changes))

    def save(self, path: Path) -> None:
        """Write every array and flag to one ``.npz`` file (see `load_system`)."""
        np.savez_compressed(
            path,
            series=self.series,
            plant=self.plant.record(),
            link_capacity_gbps=self.links.capacity_gbps,
            link_availability=self.links.availability,
            link_option=np.array(self.links.option, dtype=str),
            diesel_ship_h=self.diesel_ship_h,
            lpg_ship_h=self.lpg_ship_h,
            soc_kwh=self.soc_kwh,
            level_m3=self.level_m3,
            diesel_l=self.diesel_l,
            flags=np.array([self.grid_enabled, self.fuel_modelled]),
            cut_window=np.array(self.cut_window),
            nominal_grid_kw=self.nominal_grid_kw,
            n_series=np.array(k.N_SERIES),
            format=np.array(FORMAT),
        )


def load_system(path: Path) -> System:
    """Read a file written by `System.save`. A file of another format (an older or newer cayo),
    or one that is damaged, is refused with a `CayoError` that says to plan again."""
    again = "plan it again with `cayo plan` to rewrite it"
    try:
        with np.load(path, allow_pickle=False) as f:
            version = int(f["format"]) if "format" in f.files else 1
            if version != FORMAT:
                raise CayoError(
                    f"{path} holds a plan in the simulator's format {version}; this cayo reads "
                    f"format {FORMAT}: {again}"
                )
            plant = f["plant"]
            if plant.dtype != PLANT or int(f["n_series"]) != k.N_SERIES:
                raise CayoError(f"{path} does not match this cayo's simulator: {again}")
            return _system(f, Plant.from_record(plant))
    except (
        OSError,
        ValueError,
        KeyError,
        TypeError,
        IndexError,
        EOFError,
        zipfile.BadZipFile,
    ) as exc:
        raise CayoError(f"{path} cannot be read ({exc}): {again}") from None


def _system(f: np.lib.npyio.NpzFile, plant: Plant) -> System:
    return System(
        series=f["series"],
        plant=plant,
        links=LinkUnits(
            f["link_capacity_gbps"],
            f["link_availability"],
            tuple(str(x) for x in f["link_option"]),
        ),
        diesel_ship_h=f["diesel_ship_h"],
        lpg_ship_h=f["lpg_ship_h"],
        soc_kwh=f["soc_kwh"],
        level_m3=f["level_m3"],
        diesel_l=f["diesel_l"],
        grid_enabled=bool(f["flags"][0]),
        cut_window=(int(f["cut_window"][0]), int(f["cut_window"][1])),
        fuel_modelled=bool(f["flags"][1]),
        nominal_grid_kw=f["nominal_grid_kw"],
    )


def engine_units(genset_kw: float, unit_kw: float) -> tuple[int, float]:
    """(units, kW each) for a plant of `genset_kw` [kW] in units of about `unit_kw` [kW]: enough
    units of at most `unit_kw` (at most `MAX_UNITS`), all the same size.

    >>> engine_units(1956.0, 500.0)
    (4, 489.0)
    >>> engine_units(0.0, 500.0)
    (0, 0.0)
    """
    if genset_kw <= 0:
        return 0, 0.0
    n = min(max(math.ceil(genset_kw / unit_kw - 1e-9), 1), MAX_UNITS)
    return n, genset_kw / n


def shared_critical_kw(scenario: Scenario, el: pd.DataFrame) -> np.ndarray:
    """The REopt-style critical load [kW]: each facility's electricity (the columns of `el`
    [kW]) times its critical share: `stress.critical_load_shares`, else 1 for the facilities in
    `constraints.critical_facilities`, else `stress.critical_load_share`."""
    st = scenario.stress
    full = set(scenario.constraints.critical_facilities)
    out = np.zeros(len(el))
    for col in load_columns(el):
        default = 1.0 if col in full else st.critical_load_share
        out += st.critical_load_shares.get(col, default) * el[col].to_numpy(dtype=float)
    return out


def link_units(units: dict[str, int], scenario: Scenario) -> LinkUnits:
    """One entry per built link unit, in option order."""
    cap, avail, names = [], [], []
    for name, count in units.items():
        option = scenario.data_links.options[name]
        for _ in range(count):
            cap.append(option.capacity_gbps)
            avail.append(option.availability)
            names.append(name)
    if len(cap) > MAX_LINK_UNITS:
        raise ValueError(f"{len(cap)} link units; the simulator tracks {MAX_LINK_UNITS}")
    return LinkUnits(np.array(cap, dtype=float), np.array(avail, dtype=float), tuple(names))


def system_from_plan(
    scenario: Scenario,
    inputs: LPInputs,
    plan: SupplyPlan,
    fixed: FixedParts,
    demand: TownDemand,
) -> System:
    """The simulator's view of a solved plan."""
    T = inputs.hours
    zeros = np.zeros(T)
    el = demand.hourly["electricity"]
    grid = scenario.technologies.island_grid
    grid_on = bool(grid.enabled and grid.max_import_kw > 0)
    series = np.zeros((T, k.N_SERIES))
    series[:, k.LOAD] = inputs.load_kw
    series[:, k.CRITICAL] = zeros if inputs.critical_kw is None else inputs.critical_kw
    series[:, k.DATA_CENTRE] = el["data_centre"].to_numpy() if "data_centre" in el else zeros
    series[:, k.SEWAGE_KW] = fixed.sewage.energy_kw
    series[:, k.WASTEWATER] = demand.total("wastewater")
    series[:, k.WATER] = zeros if inputs.water_m3_h is None else inputs.water_m3_h
    series[:, k.LPG] = zeros if inputs.lpg_kg_h is None else inputs.lpg_kg_h
    series[:, k.PV] = inputs.pv_kw_per_kwp
    series[:, k.GRID] = grid.max_import_kw if grid_on else 0.0
    series[:, k.MUST_RUN] = zeros if inputs.must_run_kw is None else inputs.must_run_kw
    series[:, k.DATA] = demand.total("data")
    series[:, k.SHARED_CRITICAL] = shared_critical_kw(scenario, el)

    g = scenario.stress.gensets
    fuel = inputs.diesel_ship is not None
    genset_cost = inputs.genset_marginal_usd_per_kwh + (
        inputs.diesel_price_usd_per_l * inputs.genset_fuel_l_per_kwh if fuel else 0.0
    )
    plant = Plant(
        charge_efficiency=inputs.battery_charge_efficiency,
        discharge_efficiency=inputs.battery_discharge_efficiency,
        min_load_share=g.min_load_share,
        fuel_l_per_kwh=inputs.genset_fuel_l_per_kwh,
        diesel_reserve_l=inputs.diesel_min_stock_l if fuel else 0.0,
        diesel_cargo_l=inputs.diesel_cargo_l,
        truck_fuel_l_per_day=fixed.waste.truck_fuel_l_per_yr / 365.0,
        wells_kwh_per_m3=inputs.wells_kwh_per_m3,
        ro_kwh_per_m3=inputs.ro_kwh_per_m3,
        lpg_cargo_kg=inputs.lpg_cargo_kg,
        fail_to_start=g.fail_to_start,
        fail_to_run_per_h=g.fail_to_run_per_h,
        repair_mean_h=g.repair_mean_hours,
        data_centre_autonomy_h=scenario.stress.data_centre_autonomy_hours,
        grid_first=inputs.grid_price_usd_per_kwh <= genset_cost,
    )

    def ship_h(x: np.ndarray | None) -> np.ndarray:
        return np.zeros(0, dtype=np.int64) if x is None else np.flatnonzero(x > 0)

    base = System(
        series=series,
        plant=plant,
        links=link_units(fixed.links.units, scenario),
        diesel_ship_h=ship_h(inputs.diesel_ship),
        lpg_ship_h=ship_h(inputs.lpg_ship),
        soc_kwh=zeros,
        level_m3=zeros,
        diesel_l=zeros,
        grid_enabled=grid_on,
        cut_window=(grid.cut_window_start_h, grid.cut_window_hours),
        fuel_modelled=fuel,
        nominal_grid_kw=inputs.grid_available_kw,
    )
    return with_plan(base, plan, g.unit_kw)


def with_plan(system: System, plan: SupplyPlan, unit_kw: float) -> System:
    """`system` running another plan of the same town (e.g. re-planned with more storage): the
    plan's capacities, its hourly schedule and its stocks at the year's end; engine units of
    about `unit_kw` [kW]."""
    T = system.hours
    cap = plan.capacity
    h = plan.hourly
    fuel = system.fuel_modelled
    n_units, unit = engine_units(cap["genset_kw"], unit_kw)
    truck = system.plant.truck_fuel_l_per_day
    plant = replace(
        system.plant,
        pv_kw=cap["pv_kw"],
        battery_kw=cap["battery_kw"],
        battery_kwh=cap["battery_kwh"],
        engine_units=n_units,
        unit_kw=unit,
        diesel_tank_l=cap["diesel_tank_l"] if fuel else NO_FUEL_LIMIT_L,
        wells_m3_h=cap["wells_m3_h"],
        ro_m3_h=cap["ro_m3_h"],
        water_tank_m3=cap["water_tank_m3"],
        lpg_tank_kg=cap["lpg_tank_kg"],
        soc0_kwh=h["battery_soc_kwh"].iloc[-1],
        level0_m3=h["water_level_m3"].iloc[-1],
        diesel0_l=h["diesel_stock_l"].iloc[-1] if fuel else NO_FUEL_LIMIT_L,
        lpg0_kg=h["lpg_stock_kg"].iloc[-1],
        daily_burn_l=(h["diesel_burn_l"].sum() / (T / 24) + truck) if fuel else 0.0,
    )
    series = system.series.copy()
    series[:, k.SOC_TARGET] = h["battery_soc_kwh"].to_numpy()
    series[:, k.LEVEL_TARGET] = h["water_level_m3"].to_numpy()
    return replace(
        system,
        series=series,
        plant=plant,
        soc_kwh=h["battery_soc_kwh"].to_numpy(),
        level_m3=h["water_level_m3"].to_numpy(),
        diesel_l=h["diesel_stock_l"].to_numpy() if fuel else np.full(T, NO_FUEL_LIMIT_L),
    )
