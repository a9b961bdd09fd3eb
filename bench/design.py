"""Speed of the design loop (issue 15) on the default scenario, with where the time goes.

    python bench/design.py [--no-peer]

In one process, after a warm-up that fills numba's cache: the calm plan and its stress test
(`run_plan(upto="stress")`), then the design loop alone (`cayo.pipeline.run_design`), timed
from outside and by its own clock (search, fresh-seed check, floor, lever table), with the
simulator runs of the search and the seconds per run on the design years.

The peer, in the same run: PyPSA 1.x (linopy + the same HiGHS) building and solving the full
town's LP once (`bench/lp_vs_pypsa.py`'s model): ``design_vs_pypsa_lp`` is how the whole design
loop (a hundred or more simulated designs and a fresh-seed stress test) compares with one
LP solve in the peer tool, the step a planner would repeat by hand for each candidate design.

The last line printed is ``design_s=<x> runs=<n> run_s=<x> check_s=<x>
design_vs_pypsa_lp=<ratio> passed=<bool> verified=<bool> extra_usd_yr=<x>``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-peer", action="store_true", help="skip the PyPSA solve")
    args = parser.parse_args(argv)

    from cayo.pipeline import run_design, run_plan
    from cayo.prepare import Prepared
    from cayo.scenario.io import load_scenario
    from cayo.stress.run import warm_kernels

    warm_kernels()
    loaded = load_scenario()
    t0 = time.perf_counter()
    calm = run_plan(loaded, upto="stress")
    print(f"calm plan and stress test: {time.perf_counter() - t0:.1f} s")
    prep = Prepared(calm.weather, calm.program, calm.demand, calm.fixed, calm.inputs)
    assert calm.stress is not None
    t0 = time.perf_counter()
    d = run_design(loaded.scenario, prep, calm.plan, calm.stress, calm.figures)
    wall = time.perf_counter() - t0
    runs = d.evaluations
    print("where the time goes [s]:", ", ".join(f"{k} {v:.1f}" for k, v in d.timings.items()))
    ratio = float("nan")
    if not args.no_peer:
        sys.path.insert(0, str(HERE))
        from plan import pypsa_lp_seconds

        peer = pypsa_lp_seconds()
        ratio = wall / peer
        print(f"PyPSA, one LP of the full town: {peer:.1f} s")
    search_s = d.timings.get("search", 0.0)
    print(f"design_s={wall:.2f} runs={runs} "
          f"run_s={search_s / max(runs, 1):.3f} check_s={d.timings.get('check', 0.0):.2f} "
          f"design_vs_pypsa_lp={ratio:.3f} passed={d.passed} verified={d.verified} "
          f"extra_usd_yr={d.extra_usd_yr:.0f}")  # fmt: skip


if __name__ == "__main__":
    main()
