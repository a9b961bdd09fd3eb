"""Speed of the stress test: sampled years per second through the full multi-utility simulator.

    python bench/stress.py [--plan RESULTS_FOLDER] [--years N] [--repeat R]

RESULTS_FOLDER is a folder written by ``cayo plan`` (it holds ``stress_system.npz``); without
it the default scenario is planned first (not timed). Timed, after a warm-up that compiles the
kernels: sampling the failures of N years (numpy) and simulating them (numba, every thread),
best of R repeats. Peers measured in the same run:

* a minimal numba battery kernel (one state, one min/max per hour) over the same hours: the
  floor of what an hourly loop costs on this machine;
* one solve of the plan's LP (HiGHS, from the plan's metadata): what re-solving the LP for
  each sampled year would cost instead.

The last line printed is ``sampled_hours_per_s=<x> years=<n> seconds=<t>``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numba
import numpy as np
from numba import njit, prange

from cayo.scenario.schema import Scenario
from cayo.stress.run import sample, simulate
from cayo.stress.system import load_system


@njit(parallel=True, cache=True)
def minimal_battery(load: np.ndarray, pv: np.ndarray, years: int) -> float:
    """Unserved energy of a 1-kWh battery over `years` copies of the year [kWh]: the least an
    hourly loop can do."""
    total = np.zeros(years)
    for y in prange(years):
        soc = 0.5
        lost = 0.0
        for t in range(load.shape[0]):
            net = pv[t] - load[t]
            if net >= 0:
                soc = min(1.0, soc + 0.9 * net)
            else:
                d = min(-net, soc)
                soc -= d
                lost += -net - d
        total[y] = lost
    return float(total.sum())


def planned_folder() -> Path:
    """Plan the default scenario into a temporary folder (not timed)."""
    from cayo.pipeline import run_plan
    from cayo.results.io import write_results

    folder = Path(tempfile.mkdtemp()) / "plan"
    write_results(run_plan(), folder)
    return folder


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--plan", type=Path, help="results folder of `cayo plan`")
    ap.add_argument("--years", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    folder = args.plan or planned_folder()
    system = load_system(folder / "stress_system.npz")
    scenario = Scenario.model_validate_json((folder / "scenario.resolved.json").read_text())
    solver = json.loads((folder / "summary.json").read_text())["metadata"]["solver"]
    lp_s = solver["seconds"]
    how = "warm-started from a saved basis" if solver.get("warm_start") else "from scratch"
    seed, n, T = scenario.seed, args.years, system.hours

    simulate(system, sample(system, scenario.stress, seed, 0, 8), seed)  # compile / load cache
    best_sample = best_sim = float("inf")
    for r in range(args.repeat):
        a = time.perf_counter()
        events = sample(system, scenario.stress, seed, r, n)
        b = time.perf_counter()
        simulate(system, events, seed)
        c = time.perf_counter()
        if c - a < best_sample + best_sim:
            best_sample, best_sim = b - a, c - b
    seconds = best_sample + best_sim
    rate = n * T / seconds

    load = np.ascontiguousarray(system.series[:, 0] / system.series[:, 0].max())
    pv = np.ascontiguousarray(system.series[:, 7])
    minimal_battery(load, pv, 2)
    a = time.perf_counter()
    minimal_battery(load, pv, n)
    floor = n * T / (time.perf_counter() - a)

    print(f"machine: {numba.get_num_threads()} threads; plan: {folder}", file=sys.stderr)
    print(f"sampling   {best_sample:8.3f} s  ({n * T / best_sample:.3e} h/s)")
    print(f"simulation {best_sim:8.3f} s  ({n * T / best_sim:.3e} h/s)")
    print(
        f"minimal battery kernel, same hours: {floor:.3e} h/s "
        f"(the full simulator runs at {rate / floor:.2f} of it)"
    )
    print(
        f"one LP solve of this plan ({how}): {lp_s:.1f} s; the simulator does a sampled year in "
        f"{seconds / n * 1e3:.3f} ms ({lp_s / (seconds / n):,.0f} times faster)"
    )
    print(f"sampled_hours_per_s={rate:.4g} years={n} seconds={seconds:.4f}")


if __name__ == "__main__":
    main()
