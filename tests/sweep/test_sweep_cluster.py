"""Sweeps of a small town on real Dask clusters: a LocalCluster of 2 and of 1 worker (the same
rows), a scheduler and a worker started as separate processes on 127.0.0.1, a sweep killed
half-way and resumed. The rows are checked against an analytic bound: the least cost rises
with the fuel price by at least the fuel the dearer plan burns and at most what the cheaper one
burns, times the price step."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from sweep_cases import FUEL, small_town
from typer.testing import CliRunner

from cayo.cli import app
from cayo.results.folder import check_output_dir
from cayo.scenario.io import load_scenario
from cayo.sweep.run import run_sweep
from cayo.sweep.samples import make_samples
from cayo.sweep.store import RUNS
from cayo.sweep.vary import check_varies

pytestmark = pytest.mark.slow
PRICES = "0.8:1.6:3"


@pytest.fixture(scope="module")
def town(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return load_scenario(small_town(tmp_path_factory.mktemp("town")))


def samples(town, spec: str = PRICES):  # type: ignore[no-untyped-def]
    return make_samples(check_varies([f"{FUEL}={spec}"], town), town.scenario, "grid")


@pytest.fixture(scope="module")
def two(town, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return run_sweep(town, samples(town), tmp_path_factory.mktemp("two") / "s", workers=2)


def fuel_litres(r: pd.Series) -> float:
    return r["cost_diesel_purchases_usd_yr"] / r[FUEL]


def test_a_local_cluster_gives_a_row_per_variant_within_the_analytic_bounds(two) -> None:  # type: ignore[no-untyped-def]
    rows = two.rows.sort_values(FUEL)
    assert list(rows["status"]) == ["ok"] * 3, rows["error"].tolist()
    assert two.workers == 2 and two.where == "local"
    assert rows["worker"].nunique() == 2  # both workers ran variants
    for (_, a), (_, b) in zip(rows.iloc[:-1].iterrows(), rows.iloc[1:].iterrows(), strict=True):
        step = b[FUEL] - a[FUEL]
        rise = b["lp_objective_usd_yr"] - a["lp_objective_usd_yr"]
        assert fuel_litres(b) * step * (1 - 1e-7) <= rise <= fuel_litres(a) * step * (1 + 1e-7)
        assert fuel_litres(a) > 0
    assert rows["pass.electricity cost"].dtype == bool
    page = (two.folder / "report.html").read_text()
    assert "Which criteria hold" in page and "Inputs against outputs" in page


def test_one_worker_gives_the_same_rows_as_two(two, town, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    one = run_sweep(town, samples(town), tmp_path / "s", workers=1, save=True)
    assert one.workers == 1
    a, b = one.rows.set_index("variant"), two.rows.set_index("variant")
    pd.testing.assert_series_equal(
        a["lp_objective_usd_yr"], b["lp_objective_usd_yr"], rtol=1e-9, check_exact=False
    )
    passes = [c for c in a.columns if c.startswith("pass.")]
    pd.testing.assert_frame_equal(a[passes], b[passes])
    # one worker: every variant after the first starts from its neighbour's basis
    assert a["lp_warm"].sum() == len(a) - 1
    assert a["reused_inputs"].sum() == len(a) - 1
    # --save-results: each variant's full results folder, with the row's figures
    for vid, r in a.iterrows():
        saved = json.loads((tmp_path / "s" / "variants" / str(vid) / "summary.json").read_text())
        assert saved["figures"]["lp_objective_usd_yr"] == pytest.approx(r["lp_objective_usd_yr"])
        assert saved["figures"]["genset_kw"] == pytest.approx(r["genset_kw"])
    check_output_dir(tmp_path / "s", town, kind="sweep")  # still a folder cayo may write


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_the_same_sweep_on_a_scheduler_and_a_worker_started_as_processes(
    two, town, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    dask = [sys.executable, "-m", "distributed.cli.dask_scheduler"]
    scheduler = subprocess.Popen(
        [*dask, "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    worker = subprocess.Popen(
        [sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads", "1",
         "--nworkers", "1", "--no-dashboard", "--host", "127.0.0.1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        done = run_sweep(town, samples(town), tmp_path / "s", scheduler=address)
    finally:
        for p in (worker, scheduler):
            p.terminate()
            p.wait(timeout=30)
    assert done.where == address and done.workers == 1
    assert done.rows["worker"].nunique() == 1  # the one worker process started here
    pd.testing.assert_series_equal(
        done.rows.set_index("variant")["lp_objective_usd_yr"],
        two.rows.set_index("variant")["lp_objective_usd_yr"],
        rtol=1e-9, check_exact=False,
    )  # fmt: skip


def test_a_sweep_killed_half_way_resumes_and_skips_what_it_finished(town, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "s"
    args = ["sweep", str(town.path), "--vary", f"{FUEL}=0.8:1.6:4", "--workers", "1", "-o",
            str(out)]  # fmt: skip
    proc = subprocess.Popen(
        [sys.executable, "-m", "cayo", *args], start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 240
        while not list((out / RUNS).glob("part-*.parquet")) and time.monotonic() < deadline:
            assert proc.poll() is None, "the sweep ended before it could be killed"
            time.sleep(0.2)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the sweep and its cluster's worker
        proc.wait()
    before = {p.name: p.stat().st_mtime_ns for p in (out / RUNS).glob("part-*.parquet")}
    assert 1 <= len(before) < 4
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert f"{len(before)} resumed" in result.output
    rows = pd.read_parquet(out / "runs.parquet")
    assert sorted(rows["variant"]) == [f"v{i:05d}" for i in range(4)]
    assert (rows["status"] == "ok").all()
    after = {p.name: p.stat().st_mtime_ns for p in (out / RUNS).glob("part-*.parquet")}
    assert all(after[name] == t for name, t in before.items())  # finished rows not run again
    assert not [p for p in out.rglob("*") if ".cayo-tmp" in p.name]


def test_an_unreachable_scheduler_is_a_clear_error_before_any_work(town, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(app, ["sweep", str(town.path), "--vary", f"{FUEL}=0.8:1.6",
                                      "--scheduler", f"tcp://127.0.0.1:{free_port()}", "-o",
                                      str(tmp_path / "s")])  # fmt: skip
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler" in result.output and "dask scheduler" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "s").exists()  # nothing written
