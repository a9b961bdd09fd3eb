"""The stress test split over Dask workers: the same seed gives the same years, to the bit,
whether they run in this process or on 1 or 2 workers, in any grouping; `cayo stress --plan
--years N --workers 2` writes the same table as without workers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from cayo.cli import app
from cayo.pipeline import stress_saved_plan
from cayo.sweep.engine import engine
from cayo.sweep.stress import dask_batch_map

pytestmark = pytest.mark.slow
YEARS, SEED = 5000, 11  # 5 batches of 1,000 years


def test_the_same_years_on_one_and_two_workers_in_any_grouping(default_run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "plan"
    shutil.copytree(default_run[1], folder)
    here = stress_saved_plan(folder, YEARS, SEED)
    assert not here.meta["distributed"]
    for workers, per_task in ((2, 1), (1, 2), (2, 3)):
        with engine(workers=workers) as eng:
            split = stress_saved_plan(folder, YEARS, SEED, batch_map=dask_batch_map(eng, per_task))
        assert split.meta["distributed"] and split.meta["years"] == YEARS
        pd.testing.assert_frame_equal(split.years, here.years, check_exact=True)
        pd.testing.assert_frame_equal(split.summary, here.summary, check_exact=True)
    other = stress_saved_plan(folder, YEARS, SEED + 1)
    assert not other.years.equals(here.years)  # the seed matters: the test can fail


def test_cayo_stress_with_workers_writes_the_same_table(default_run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "plan"
    shutil.copytree(default_run[1], folder)
    runner = CliRunner()
    base = ["stress", "--plan", str(folder), "--years", "2000", "--seed", "5"]
    a = runner.invoke(app, [*base, "-o", str(tmp_path / "a")])
    b = runner.invoke(app, [*base, "--workers", "2", "-o", str(tmp_path / "b")])
    assert a.exit_code == 0 and b.exit_code == 0, a.output + b.output
    assert "Dask: 2 worker(s) on this machine" in b.output
    pd.testing.assert_frame_equal(
        pd.read_parquet(tmp_path / "a" / "stress_years.parquet"),
        pd.read_parquet(tmp_path / "b" / "stress_years.parquet"),
        check_exact=True,
    )
