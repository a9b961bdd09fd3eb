"""Speed of a whole `cayo plan` of the default scenario, with where the time and memory go.

    python bench/plan.py [--runs N] [--no-first] [--no-peer] [--sequential]

Each run is a fresh process (`cayo plan -o TMP -q`), so imports count, as they do for a user.
Timed:

* **first run**: with an empty numba cache (``NUMBA_CACHE_DIR`` set to a new folder), so the
  stress kernels are compiled as on a new machine;
* **warm runs** (N, median, min and max): with the numba cache filled;
* per stage: the stage times the plan writes into ``summary.json`` (``metadata.timings_s``) of
  the median warm run, and the peak resident memory of the plan's process and of its milestone
  worker (``getrusage``: the largest child, which is the milestone worker), and of both at once
  (their resident memory summed from ``/proc`` every 0.05 s);
* the peer, in the same run: PyPSA 1.x (linopy + the same HiGHS) building and solving the full
  town's LP alone (`bench/lp_vs_pypsa.py`'s model), so ``plan_vs_pypsa_lp`` says how a whole
  plan, six LPs and the stress test included, compares with one LP in the peer tool;
* a planner's loop: a plan, then plans into the same folder, whose LPs start from the optimal
  bases the last plan saved: the same scenario again, and with the diesel price changed; the
  changed scenario also from scratch (``--cold``).

The last line printed is ``plan_warm_s=<median> plan_first_s=<x> peak_mb=<both processes at once>
plan_vs_pypsa_lp=<ratio> replan_same_s=<x> replan_changed_s=<x>``.
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


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants now [MiB] (Linux /proc)."""
    total_kb, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total_kb += next(int(x.split()[1]) for x in status.splitlines() if x[:6] == "VmRSS:")
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration):  # the process ended meanwhile
            continue
    return total_kb / 1024


def plan_in(env: dict[str, str], extra: list[str], out: Path) -> dict:
    """One `cayo plan -o OUT` in a fresh process: wall time [s], peak memory [MiB] (each
    process's own peak, and the peak of their sum sampled every 0.05 s) and the stage times
    [s], solver seconds and iterations from its summary."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(out), *extra],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    together = 0.0
    while proc.poll() is None:
        together = max(together, tree_rss_mb(proc.pid))
        time.sleep(0.05)
    stdout, stderr = proc.communicate()
    if proc.returncode != 0:
        sys.exit(f"cayo plan failed:\n{stderr[-3000:]}")
    row = json.loads(stdout.strip().splitlines()[-1])
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    meta = summary["metadata"]
    row["process_s"] = time.perf_counter() - t0
    row["together_mb"] = together
    row["stages"] = meta["timings_s"]
    row["lp_seconds"] = meta["solver"]["seconds"]
    row["iterations"] = meta["solver"]["iterations"]
    row["objective"] = summary["figures"]["lp_objective_usd_yr"]
    return row


def one_plan(env: dict[str, str], extra: list[str]) -> dict:
    """`plan_in` a new temporary folder (the LPs start cold)."""
    with tempfile.TemporaryDirectory() as tmp:
        return plan_in(env, extra, Path(tmp) / "plan")


def design_loop(env: dict[str, str], extra: list[str]) -> dict[str, dict]:
    """A planner's loop: plan into a folder, then plan again into it (the LPs start from the
    bases the last plan saved): the same scenario, then with the diesel price 1.10 → 1.25
    USD/L; and that changed scenario from scratch (`--cold`) for comparison."""
    from cayo.scenario.io import default_scenario_text

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "plan"
        changed = Path(tmp) / "dear-diesel.yaml"
        text = default_scenario_text()
        dear = text.replace("fuel_price_usd_per_l: 1.10 ", "fuel_price_usd_per_l: 1.25 ", 1)
        assert dear != text, "the default scenario's diesel price moved: update the bench"
        changed.write_text(dear, encoding="utf-8")
        plan_in(env, extra, out)
        return {
            "same": plan_in(env, extra, out),
            "changed": plan_in(env, [*extra, "--overwrite", str(changed)], out),
            "changed_cold": plan_in(env, [*extra, "--cold", str(changed)], Path(tmp) / "cold"),
        }


def pypsa_lp_seconds() -> float:
    """PyPSA building and solving the full town's LP (same inputs, HiGHS) [s]."""
    sys.path.insert(0, str(HERE))
    from lp_vs_pypsa import default_inputs, time_pypsa

    with tempfile.TemporaryDirectory() as tmp:
        folder = default_inputs(Path(tmp) / "lp")
        t = time_pypsa(folder)
        return float(t["read"] + t["build"] + t["solve"])


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="warm runs (median reported)")
    ap.add_argument(
        "--no-first", action="store_true", help="do not report the empty-cache run (still run)"
    )
    ap.add_argument("--no-peer", action="store_true", help="skip PyPSA's LP")
    ap.add_argument(
        "--sequential", action="store_true", help="milestones in the same process (no worker)"
    )
    args = ap.parse_args(argv)
    extra = ["--sequential"] if args.sequential else []
    cache = tempfile.TemporaryDirectory()  # a numba cache of its own: empty, then filled
    env = {**os.environ, "NUMBA_CACHE_DIR": cache.name}
    first = one_plan(env, extra)  # compiles the kernels into the cache
    if not args.no_first:
        print(f"first run (empty numba cache): {first['wall']:,.1f} s", flush=True)
    warm = []
    for i in range(args.runs):
        warm.append(one_plan(env, extra))
        print(f"warm run {i + 1}: {warm[-1]['wall']:,.1f} s", flush=True)
    cache.cleanup()
    walls = [r["wall"] for r in warm]
    median = statistics.median(walls)
    mid = min(warm, key=lambda r: abs(r["wall"] - median))
    print(f"\nwarm runs: median {median:,.1f} s, min {min(walls):,.1f}, max {max(walls):,.1f}")
    print(f"{'stage':<12}{'seconds':>10}")
    for name, sec in mid["stages"].items():
        print(f"{name:<12}{sec:>10,.2f}")
    print(f"{'(HiGHS run of the full town)':<12} {mid['lp_seconds']:,.2f}")
    peak = mid["together_mb"]
    print(
        f"peak resident memory [MiB]: plan process {mid['peak_mb']:,.0f}, milestone worker "
        f"{mid['worker_peak_mb']:,.0f} (sum of the two peaks "
        f"{mid['peak_mb'] + mid['worker_peak_mb']:,.0f}); both at once, sampled: {peak:,.0f}"
    )
    loop = design_loop(env, extra)
    print("\nre-planning into the same folder (LPs started from the saved bases):")
    for name, label in (
        ("same", "same scenario"),
        ("changed", "diesel 1.10 -> 1.25 USD/L"),
        ("changed_cold", "the same change, --cold"),
    ):
        r = loop[name]
        print(
            f"  {label:<28}{r['wall']:8.1f} s  (full town's LP {r['lp_seconds']:5.1f} s, "
            f"{r['iterations']:,} iterations, objective {r['objective']:,.0f} USD/yr)"
        )
    ratio = float("nan")
    if not args.no_peer:
        peer = pypsa_lp_seconds()
        ratio = median / peer
        print(f"peer: PyPSA builds and solves the full town's LP alone in {peer:,.1f} s")
    first_s = float("nan") if args.no_first else first["wall"]
    print(
        f"plan_warm_s={median:.2f} plan_first_s={first_s:.2f} peak_mb={peak:.0f} "
        f"plan_vs_pypsa_lp={ratio:.3f} replan_same_s={loop['same']['wall']:.2f} "
        f"replan_changed_s={loop['changed']['wall']:.2f}",
        flush=True,
    )


if __name__ == "__main__":
    main()
