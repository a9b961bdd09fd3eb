"""The simulator's kernels have one compiled version each: every call normalises its arrays, so
the warm-up a plan runs beside its LP compiles (or loads from the cache) exactly what the
stress test then uses."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from stress_cases import events, system

from cayo.stress import kernel as k
from cayo.stress.run import simulate, survival_curves, warm_kernels


def test_warm_up_compiles_the_one_version_the_stress_test_uses() -> None:
    warm_kernels()
    T = 24
    s = system(T, water_tank_m3=5.0, engine_units=2, unit_kw=10.0)
    s = s.with_series(k.LOAD, np.full(T, 5.0))
    ro = s.soc_kwh.copy()
    ro.flags.writeable = False  # as pandas hands out a plan's hourly columns
    s = replace(s, soc_kwh=ro, series=np.asfortranarray(s.series))
    ev = events(T, 3, [(k.GRID_OFF, 2, 3, 0.0)])
    ev = replace(ev, kind=ev.kind.astype(np.int32), value=ev.value.astype(np.float32))
    simulate(s, ev, 1, first_year=np.int64(4))
    survival_curves(s, 3)
    assert len(k.simulate_years.signatures) == 1
    assert len(k.outage_survival.signatures) == 1
