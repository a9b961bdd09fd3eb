"""The stress test: sampled years in batches until the mean unserved energy is known to ±5 %,
the plan's own year without failures, and REopt-style outage survival curves."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numba
import numpy as np
import pandas as pd

from cayo.scenario.schema import Stress
from cayo.stress import kernel as k
from cayo.stress.metrics import ci_half_width_share, summarise, uptime_tier, year_table
from cayo.stress.plant import Plant
from cayo.stress.samplers import Events, LinkUnits, sample_events, scheduled_events
from cayo.stress.system import System


def kernel_seed(seed: int) -> np.uint64:
    """The kernel's 64-bit key, derived from the scenario seed."""
    return np.random.SeedSequence(seed).generate_state(1, np.uint64)[0]


def batch_rng(seed: int, batch: int) -> np.random.Generator:
    """The generator of batch `batch`: independent streams, fixed by (seed, batch)."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(batch,)))


def _arr(x: np.ndarray, dtype: type) -> np.ndarray:
    """`x` as a C-contiguous, writable array of `dtype` (a copy only when it is not one), so
    that every call of a kernel has the same numba types: one compiled version, cached."""
    return np.require(x, dtype, ["C", "W"])


def simulate(system: System, events: Events, seed: int, first_year: int = 0) -> np.ndarray:
    """Kernel results [years × kernel.N_METRICS] of a batch of years numbered from `first_year`."""
    chunks = max(1, min(events.years, 4 * numba.get_num_threads()))
    return k.simulate_years(
        _arr(system.series, np.float64),
        system.plant.record(),
        _arr(system.links.capacity_gbps, np.float64),
        _arr(events.ptr, np.int64),
        _arr(events.kind, np.int64),
        _arr(events.start, np.int64),
        _arr(events.length, np.int64),
        _arr(events.value, np.float64),
        _arr(events.cut_start, np.uint8),
        _arr(events.cut_len, np.uint8),
        kernel_seed(seed),
        int(first_year),
        int(chunks),
    )


def warm_kernels() -> None:
    """Compile the simulator's kernels, or load them from numba's cache, on a two-day plant
    (what a plan does in a background thread while HiGHS solves its LP: HiGHS releases the
    GIL, so the compile of a first run costs no wall time)."""
    T = 48
    system = System(
        series=np.zeros((T, k.N_SERIES)),
        plant=Plant(),
        links=LinkUnits(np.zeros(1), np.ones(1), ("link",)),
        diesel_ship_h=np.array([5]),
        lpg_ship_h=np.zeros(0, dtype=np.int64),
        soc_kwh=np.zeros(T),
        level_m3=np.zeros(T),
        diesel_l=np.zeros(T),
        grid_enabled=False,
        cut_window=(21, 7),
        fuel_modelled=True,
        nominal_grid_kw=np.zeros(T),
    )
    simulate(system, scheduled_events(2, system.diesel_ship_h, system.lpg_ship_h), 0)
    survival_curves(system, 2)


def sample(system: System, stress: Stress, seed: int, batch: int, years: int) -> Events:
    """The failures of batch `batch` (`years` years)."""
    return sample_events(
        batch_rng(seed, batch),
        years,
        system.hours,
        stress,
        system.cut_window,
        system.grid_enabled,
        system.links,
        system.diesel_ship_h,
        system.lpg_ship_h,
    )


Batch = tuple[int, int, int]  # (batch number, its first year, its years)
# runs `run_batches(system, stress, seed, batches)` elsewhere (a Dask cluster): the year tables
# in the order of the batches given; `on_done(years)` as each group of batches ends
BatchMap = Callable[[System, Stress, int, list[Batch], Callable[[int], None]], list[pd.DataFrame]]


def run_batch(
    system: System, stress: Stress, seed: int, batch: Batch, clock: list[float] | None = None
) -> pd.DataFrame:
    """The year table of one batch (number, first year, years). Its years depend only on the
    seed, the batch number and the first year, so the table is the same wherever and in
    whatever order batches run. `clock` accumulates [sampling, simulation] seconds."""
    number, first, n = batch
    a = time.perf_counter()
    events = sample(system, stress, seed, number, n)
    b = time.perf_counter()
    raw = simulate(system, events, seed, first_year=first)
    if clock is not None:
        clock[0] += b - a
        clock[1] += time.perf_counter() - b
    return year_table(raw, system.hours, events.counts)


def run_batches(
    system: System, stress: Stress, seed: int, batches: list[Batch]
) -> list[pd.DataFrame]:
    """The year tables of `batches`, one after another (what a worker of a cluster runs)."""
    return [run_batch(system, stress, seed, b) for b in batches]


def nominal_year(system: System) -> pd.Series:
    """The plan's own year run by the simulator: the grid as the plan assumed it, every ship on
    its day, no engine failure."""
    s = system.with_series(k.GRID, system.nominal_grid_kw).with_plant(
        fail_to_start=0.0, fail_to_run_per_h=0.0
    )
    raw = simulate(s, scheduled_events(1, s.diesel_ship_h, s.lpg_ship_h), 0)
    return year_table(raw, system.hours, {}).iloc[0]


SURVIVAL_VIEWS = {
    "electricity": "critical facilities and water plants served (classes 1-2)",
    "water": "water served from the plants and the tank",
    "all_utilities": "operational view: critical electricity and water both served",
    "critical_load": "REopt-style view: only the critical share of each facility's electricity",
}
"""The survival curves, each `<view>_with_gensets` and `<view>_storage_only` (PV, battery and
tank alone)."""


def survival_curves(system: System, max_hours: int) -> pd.DataFrame:
    """Probability that an outage of d hours (1..`max_hours`), starting at any hour of the year
    with equal chance, is survived, in each of `SURVIVAL_VIEWS`, with the engines and with PV,
    battery and tanks alone (`kernel.outage_survival` says what an outage is).

    The operational views serve the critical facilities, the water plants and water under the
    plan's own schedule; the REopt-style view serves only `SHARED_CRITICAL` (each facility's
    electricity times its critical share), with no water, as REopt's "probability of meeting
    the critical load" does."""
    d = np.arange(1, max_hours + 1)
    out: dict[str, np.ndarray] = {"outage_h": d}
    shared = _arr(system.series, np.float64).copy()
    shared[:, k.CRITICAL] = shared[:, k.SHARED_CRITICAL]
    shared[:, k.WATER] = 0.0
    shared[:, k.LEVEL_TARGET] = 0.0
    for label, gens in (("with_gensets", True), ("storage_only", False)):
        held = _outages(system, system.series, max_hours, gens)
        hours = {  # hours each start survives, per view
            "electricity": held[:, 0],
            "water": held[:, 1],
            "all_utilities": np.minimum(held[:, 0], held[:, 1]),
            "critical_load": _outages(system, shared, max_hours, gens)[:, 0],
        }
        for view in SURVIVAL_VIEWS:
            out[f"{view}_{label}"] = (hours[view][None, :] >= d[:, None]).mean(axis=1)
    return pd.DataFrame(out)


def _outages(system: System, series: np.ndarray, max_hours: int, gens: bool) -> np.ndarray:
    """`kernel.outage_survival` of `system` with these hourly `series` [T × 2 h]."""
    return k.outage_survival(
        _arr(series, np.float64), system.plant.record(), _arr(system.soc_kwh, np.float64),
        _arr(system.level_m3, np.float64), _arr(system.diesel_l, np.float64),
        int(max_hours), bool(gens),
    )  # fmt: skip


@dataclass(frozen=True)
class StressResult:
    """What a stress test found.

    Attributes
    ----------
    years : one row per sampled year (`cayo.stress.metrics.year_table`).
    summary : mean, 95 % interval and P50/P90/P99 of every column of `years`.
    survival : outage survival curves (`survival_curves`).
    nominal : the plan's own year through the simulator, with the LP's figures beside it.
    meta : seed, years, batches, convergence, timings [s], speed [sampled h/s].
    system : the plan as the simulator saw it.
    """

    years: pd.DataFrame
    summary: pd.DataFrame
    survival: pd.DataFrame
    nominal: dict[str, float]
    meta: dict[str, Any] = field(default_factory=dict)
    system: System | None = None

    def figures(self) -> dict[str, float]:
        """Scalar headline results, unit in every key."""
        s = self.summary
        out: dict[str, float] = {}
        for name in (
            "unserved_kwh",
            "loss_of_load_h",
            "unserved_critical_kwh",
            "unserved_water_m3",
            "water_rationing_days",
            "data_centre_availability_pct",
            "data_service_availability_pct",
            "min_fuel_autonomy_days",
        ):
            for col in ("mean", "p50", "p90", "p99"):
                out[f"stress_{name}_{col}"] = float(s.loc[name, col])
        out["stress_unserved_kwh_ci95_low"] = float(s.loc["unserved_kwh", "ci95_low"])
        out["stress_unserved_kwh_ci95_high"] = float(s.loc["unserved_kwh", "ci95_high"])
        out["stress_years"] = float(self.meta["years"])
        sv = self.survival.set_index("outage_h")
        for hours in (24, 72, 168):
            if hours in sv.index:
                for col in sv.columns:
                    out[f"stress_survival_{hours}h_{col}"] = float(sv.loc[hours, col])
        return out

    def tiers(self) -> dict[str, str]:
        """Uptime tier of the data centre in a mean year and in the P90 year."""
        a = self.summary.loc["data_centre_availability_pct"]
        return {"mean": uptime_tier(float(a["mean"])), "p90": uptime_tier(float(a["p90"]))}


def nominal_check(system: System, lp_served_kwh: float, lp_served_water_m3: float) -> dict:
    """The simulator's no-failure year against the LP's served electricity and water."""
    y = nominal_year(system)
    return {
        "simulator_served_kwh": float(y["served_kwh"]),
        "lp_served_kwh": lp_served_kwh,
        "served_kwh_rel_diff": float(y["served_kwh"] / lp_served_kwh - 1) if lp_served_kwh else 0.0,
        "simulator_served_water_m3": float(y["served_water_m3"]),
        "lp_served_water_m3": lp_served_water_m3,
        "served_water_rel_diff": float(y["served_water_m3"] / lp_served_water_m3 - 1)
        if lp_served_water_m3
        else 0.0,
        "simulator_unserved_kwh": float(y["unserved_kwh"]),
        "simulator_unserved_water_m3": float(y["unserved_water_m3"]),
    }


def stress_test(
    system: System,
    stress: Stress,
    seed: int,
    lp_served: tuple[float, float] | None = None,
    on_batch: Callable[[int, int, float], None] | None = None,
    batch_map: BatchMap | None = None,
) -> StressResult:
    """Sample years in batches of `run.batch_years` until the 95 % interval of the mean unserved
    energy is within `run.ci_rel_target` of the mean (at least `min_years`, at most `max_years`).

    `on_batch(years_done, max_years, ci_share)` reports progress; `lp_served` is the LP's
    (served kWh, served m³) for the no-failure check (None: not checked, e.g. a reloaded plan).
    `batch_map` runs the batches elsewhere (workers of a cluster) when the number of years is
    fixed (``min_years == max_years``): the same years, the same numbers.
    """
    run = stress.run
    t0 = time.perf_counter()
    parts: list[pd.DataFrame] = []
    done = 0
    batch = 0
    share = float("inf")
    t_sample = t_sim = 0.0
    distributed = batch_map is not None and run.min_years == run.max_years
    if batch_map is not None and distributed:
        plan = [(b, first, min(run.batch_years, run.max_years - first))
                for b, first in enumerate(range(0, run.max_years, run.batch_years))]  # fmt: skip
        a = time.perf_counter()
        on_done = (lambda years: on_batch(years, run.max_years, float("nan"))) if on_batch else (
            lambda years: None)  # fmt: skip
        parts = batch_map(system, stress, seed, plan, on_done)
        t_sim = time.perf_counter() - a
        done, batch = run.max_years, len(plan)
        share = ci_half_width_share(np.concatenate([p["unserved_kwh"].to_numpy() for p in parts]))
    clock = [0.0, 0.0]
    while done < run.max_years:
        n = min(run.batch_years, run.max_years - done)
        parts.append(run_batch(system, stress, seed, (batch, done, n), clock))
        done += n
        batch += 1
        unserved = np.concatenate([p["unserved_kwh"].to_numpy() for p in parts])
        share = ci_half_width_share(unserved)
        if on_batch is not None:
            on_batch(done, run.max_years, share)
        if done >= run.min_years and share <= run.ci_rel_target:
            break
    t_sample, t_sim = t_sample + clock[0], t_sim + clock[1]
    years = pd.concat(parts, ignore_index=True)
    years.index.name = "year"
    if not system.fuel_modelled:
        years["min_fuel_autonomy_days"] = np.nan
    a = time.perf_counter()
    survival = survival_curves(system, run.survival_max_hours)
    t_surv = time.perf_counter() - a
    nominal = nominal_check(system, *lp_served) if lp_served is not None else {}
    seconds = time.perf_counter() - t0
    meta = {
        "seed": seed,
        "kernel_seed": int(kernel_seed(seed)),
        "years": done,
        "batches": batch,
        "batch_years": run.batch_years,
        "converged": bool(share <= run.ci_rel_target),
        "unserved_ci95_half_width_share": share,
        "ci_rel_target": run.ci_rel_target,
        "cap_hit": bool(done >= run.max_years and share > run.ci_rel_target),
        "threads": numba.get_num_threads(),
        "distributed": batch_map is not None
        and done == run.max_years
        and batch > 0
        and run.min_years == run.max_years,
        "seconds": round(seconds, 4),
        "sampling_s": round(t_sample, 4),
        "simulation_s": round(t_sim, 4),
        "survival_s": round(t_surv, 4),
        "sampled_hours_per_s": done * system.hours / max(t_sample + t_sim, 1e-9),
    }
    return StressResult(years, summarise(years), survival, nominal, meta, system)
