"""Speed of a whole `cayo plan` of the default scenario, with where the time and memory go.

    python bench/plan.py [--runs N] [--no-first] [--no-peer] [--sequential]

Each run is a fresh process (`python -m cayo plan -o TMP -q`), so imports count, as they do for
a user. Timed:

* **first run**: with an empty numba cache (``NUMBA_CACHE_DIR`` set to a new folder), so the
  stress kernels are compiled as on a new machine;
* **warm runs** (N, median, min and max): with the numba cache filled;
* per stage: the stage times the plan writes into ``summary.json`` (``metadata.timings_s``) of
  the median warm run, and the peak resident memory of the plan's process and of its milestone
  worker (``getrusage``: the largest child, which is the milestone worker);
* the peer, in the same run: PyPSA 1.x (linopy + the same HiGHS) building and solving the full
  town's LP alone (`bench/lp_vs_pypsa.py`'s model), so ``plan_vs_pypsa_lp`` says how a whole
  plan, six LPs and the stress test included, compares with one LP in the peer tool.

The last line printed is ``plan_warm_s=<median> plan_first_s=<x> peak_mb=<main+worker>
plan_vs_pypsa_lp=<ratio>``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

CHILD = """
import json, resource, sys, time
t0 = time.perf_counter()
from cayo.cli import main
sys.argv = ["cayo", "plan", "-o", sys.argv[1], "-q"] + sys.argv[2:]
try:
    main()
except SystemExit as e:
    if e.code:
        raise
wall = time.perf_counter() - t0
me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"wall": wall, "peak_mb": me, "worker_peak_mb": kids}))
"""


def one_plan(env: dict[str, str], extra: list[str]) -> dict:
    """One `cayo plan` of the default scenario in a fresh process: wall time [s], peak memory
    [MB] and the stage times [s] from its summary."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "plan"
        t0 = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(out), *extra],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        outer = time.perf_counter() - t0
        if done.returncode != 0:
            sys.exit(f"cayo plan failed:\n{done.stderr[-3000:]}")
        row = json.loads(done.stdout.strip().splitlines()[-1])
        summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    meta = summary["metadata"]
    row["process_s"] = outer
    row["stages"] = meta["timings_s"]
    row["lp_seconds"] = meta["solver"]["seconds"]
    return row


def pypsa_lp_seconds() -> float:
    """PyPSA building and solving the full town's LP (same inputs, HiGHS) [s]."""
    sys.path.insert(0, str(HERE))
    from lp_vs_pypsa import default_inputs, time_pypsa

    with tempfile.TemporaryDirectory() as tmp:
        folder = default_inputs(Path(tmp) / "lp")
        return float(time_pypsa(folder)["total"])


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="warm runs (median reported)")
    ap.add_argument("--no-first", action="store_true", help="skip the empty-cache run")
    ap.add_argument("--no-peer", action="store_true", help="skip PyPSA's LP")
    ap.add_argument(
        "--sequential", action="store_true", help="milestones in the same process (no worker)"
    )
    args = ap.parse_args(argv)
    extra = ["--sequential"] if args.sequential else []
    env = dict(os.environ)
    first = None
    if not args.no_first:
        with tempfile.TemporaryDirectory() as cache:
            first = one_plan({**env, "NUMBA_CACHE_DIR": cache}, extra)
        print(f"first run (empty numba cache): {first['wall']:,.1f} s", flush=True)
    else:
        one_plan(env, extra)  # fills the numba cache
    warm = []
    for i in range(args.runs):
        warm.append(one_plan(env, extra))
        print(f"warm run {i + 1}: {warm[-1]['wall']:,.1f} s", flush=True)
    walls = [r["wall"] for r in warm]
    median = statistics.median(walls)
    mid = min(warm, key=lambda r: abs(r["wall"] - median))
    print(f"\nwarm runs: median {median:,.1f} s, min {min(walls):,.1f}, max {max(walls):,.1f}")
    print(f"{'stage':<12}{'seconds':>10}")
    for name, sec in mid["stages"].items():
        print(f"{name:<12}{sec:>10,.2f}")
    print(f"{'(HiGHS run of the full town)':<12} {mid['lp_seconds']:,.2f}")
    peak = mid["peak_mb"] + mid["worker_peak_mb"]
    print(
        f"peak resident memory: plan {mid['peak_mb']:,.0f} MB, milestone worker "
        f"{mid['worker_peak_mb']:,.0f} MB, together {peak:,.0f} MB"
    )
    ratio = float("nan")
    if not args.no_peer:
        peer = pypsa_lp_seconds()
        ratio = median / peer
        print(f"peer: PyPSA builds and solves the full town's LP alone in {peer:,.1f} s")
    first_s = first["wall"] if first else float("nan")
    print(
        f"plan_warm_s={median:.2f} plan_first_s={first_s:.2f} peak_mb={peak:.0f} "
        f"plan_vs_pypsa_lp={ratio:.3f}",
        flush=True,
    )


if __name__ == "__main__":
    main()
