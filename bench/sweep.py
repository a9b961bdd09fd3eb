"""Throughput of a calm-plan sweep of the default scenario (issue 16) against PyPSA re-solving
the same variants one by one on the same cores, and how the sweep scales from 1 to 2 workers.

    python bench/sweep.py [--fuel 0.9:1.5:4] [--pv 900:1500:3] [--peer-variants K] [--no-peer]

The sweep: a grid over the diesel price and the PV capex (12 variants by default), stage
``plan`` (the calm-year LP and its figures), run by `cayo.sweep.run.run_sweep` on a Dask
LocalCluster with 2 worker processes, then again with 1, each into a fresh run store (so each
starts cold: its workers solve their first variant from scratch, then start every LP from the
nearest variant's basis).

The peer: PyPSA 1.x (linopy + the same HiGHS) building and solving each variant's LP with
`bench/lp_vs_pypsa.py`'s model, one after the other in this process (its inputs prepared by
cayo, not timed), on the first K variants (default: all). Its objectives are checked against the
sweep's.

Printed: where the time goes (cluster start, per variant: LP solve, the rest), a line per
variant, the scaling, an estimate for 10,000 variants on 64 cores, and last the result line
``variants=<n> sweep_2w_s=<x> sweep_1w_s=<x> per_variant_2w_s=<x> pypsa_per_variant_s=<x>
throughput_ratio=<x> scaling_1_to_2=<x> objective_rel_diff=<x>``.
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FUEL = "technologies.genset.fuel_price_usd_per_l"
PV = "technologies.pv.capex_usd_per_kw"


def run(loaded, samples, folder: Path, workers: int):  # type: ignore[no-untyped-def]
    from cayo.sweep.run import run_sweep

    t0 = time.perf_counter()
    done = run_sweep(loaded, samples, folder, stage="plan", workers=workers)
    wall = time.perf_counter() - t0
    failed = done.failed
    if len(failed):
        raise SystemExit(f"variants failed: {failed[['variant', 'error']].to_string()}")
    return done, wall


def pypsa_variants(loaded, samples, k: int) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    """PyPSA building and solving each of the first `k` variants' LP [s], one by one."""
    sys.path.insert(0, str(HERE))
    import logging

    from lp_vs_pypsa import build_network, extra_functionality

    from cayo.prepare import Reuse, prepare
    from cayo.sweep.vary import variant_scenario

    logging.getLogger("pypsa").setLevel(logging.ERROR)
    logging.getLogger("linopy").setLevel(logging.ERROR)
    reuse = Reuse()
    out = {}
    for vid in list(samples.table.index)[:k]:
        x = prepare(variant_scenario(loaded, samples.values(vid)), reuse=reuse).inputs
        t0 = time.perf_counter()
        n = build_network(x)
        status, condition = n.optimize(
            solver_name="highs",
            extra_functionality=extra_functionality(x),
            include_objective_constant=True,
            solver_options={"output_flag": False},
        )
        seconds = time.perf_counter() - t0
        if (status, condition) != ("ok", "optimal"):
            raise SystemExit(f"PyPSA/HiGHS ended with {status}/{condition} on {vid}")
        out[vid] = {"seconds": seconds, "objective": float(n.objective)}
        print(f"  PyPSA {vid}: {seconds:.1f} s, objective {n.objective:,.0f} USD/yr", flush=True)
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fuel", default="0.9:1.5:4", help="diesel price range LOW:HIGH:N [USD/L]")
    ap.add_argument("--pv", default="900:1500:3", help="PV capex range LOW:HIGH:N [USD/kWp]")
    ap.add_argument("--peer-variants", type=int, default=None, help="PyPSA on the first K")
    ap.add_argument("--no-peer", action="store_true", help="skip PyPSA")
    args = ap.parse_args(argv)

    from cayo.scenario.io import load_scenario
    from cayo.sweep.samples import make_samples
    from cayo.sweep.variant import Task
    from cayo.sweep.vary import check_varies

    loaded = load_scenario()
    varies = check_varies([f"{FUEL}={args.fuel}", f"{PV}={args.pv}"], loaded)
    samples = make_samples(varies, loaded.scenario, "grid")
    n = len(samples.table)
    print(f"{n} variants: {FUEL} × {PV}, stage plan", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        two, wall2 = run(loaded, samples, Path(tmp) / "w2", 2)
        one, wall1 = run(loaded, samples, Path(tmp) / "w1", 1)
    rows = two.rows
    for _, r in rows.iterrows():
        print(
            f"  {r['variant']} fuel {r[FUEL]:.2f} pv {r[PV]:,.0f}: {r['seconds']:.1f} s "
            f"(LP {r['lp_seconds']:.1f} s, {r['lp_iterations']:,} iterations, "
            f"{'cold' if not r['lp_warm'] else 'warm, primal' if r['lp_primal'] else 'warm, dual'}"
            f"), objective "
            f"{r['lp_objective_usd_yr']:,.0f} USD/yr",
            flush=True,
        )
    lp = rows["lp_seconds"].sum()
    print(
        f"2 workers: {wall2:.1f} s wall = cluster start {two.timings['cluster_start']:.1f} s, "
        f"variants {two.timings['variants']:.1f} s (LP solves {lp:.1f} s and the rest "
        f"{rows['seconds'].sum() - lp:.1f} s of worker time), table and report "
        f"{two.timings['table_and_report']:.1f} s",
        flush=True,
    )
    print(f"1 worker: {wall1:.1f} s wall (variants {one.timings['variants']:.1f} s)")
    per2 = wall2 / n
    peer_per, rel = float("nan"), float("nan")
    if not args.no_peer:
        peer = pypsa_variants(loaded, samples, args.peer_variants or n)
        peer_per = statistics.fmean(p["seconds"] for p in peer.values())
        by = rows.set_index("variant")["lp_objective_usd_yr"]
        rel = max(abs(by[v] - p["objective"]) / abs(p["objective"]) for v, p in peer.items())
        print(f"PyPSA: {peer_per:.1f} s a variant over {len(peer)} variants (build + solve)")
    warm = rows[rows["lp_warm"]]
    steady = statistics.fmean(warm["seconds"]) if len(warm) else float("nan")
    cold = _first(two.rows)
    # the warm phase: after the first variant, which runs alone on one worker (each run's own)
    phase2, phase1 = two.timings["variants"] - cold, one.timings["variants"] - _first(one.rows)
    print(
        f"after the first variant ({cold:.1f} s, alone): the other {n - 1} took "
        f"{phase2:.1f} s on 2 workers and {phase1:.1f} s on 1 ({phase1 / phase2:.2f}x)"
    )
    values = samples.values("v00000")
    spans = {v.path: (v.low, v.high) for v in varies}
    task = len(pickle.dumps(Task("v00000", str(loaded.path), values, spans)))
    row = len(pickle.dumps(rows.iloc[0].to_dict()))
    seed = int(rows["lp_rows"].iloc[0] + rows["lp_columns"].iloc[0])  # a byte a status
    est = cold + 10_000 * steady / 64
    print(
        f"estimate, 10,000 variants on 64 single-threaded workers: {est / 60:.0f} min = the "
        f"first variant alone ({cold:.0f} s) + 9,999 warm variants at {steady:.1f} s each (the "
        f"mean measured here) over 64 workers; data moved: {len(loaded.text) / 1e3:.0f} kB of "
        f"scenario text and {seed / 1e3:.0f} kB of bases once per worker, {task} B a task "
        f"out and {row / 1e3:.1f} kB a row back ({10_000 * (task + row) / 1e6:.0f} MB in all)"
    )
    print(
        f"variants={n} sweep_2w_s={wall2:.2f} sweep_1w_s={wall1:.2f} "
        f"per_variant_2w_s={per2:.2f} pypsa_per_variant_s={peer_per:.2f} "
        f"throughput_ratio={peer_per / per2:.2f} scaling_1_to_2={wall1 / wall2:.2f} "
        f"scaling_warm_1_to_2={phase1 / phase2:.2f} objective_rel_diff={rel:.3e}",
        flush=True,
    )


def _first(rows) -> float:  # type: ignore[no-untyped-def]
    """Seconds of a sweep's first variant (the one solved from scratch, alone)."""
    return float(rows.loc[~rows["lp_warm"], "seconds"].max())


if __name__ == "__main__":
    main()
