"""`cayo sweep` and `cayo stress` refuse bad options before any work: one message, exit code 2,
nothing written; a variant that fails records its error in its row."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from cayo.cli import app
from cayo.scenario.io import default_scenario_text
from cayo.sweep.variant import Task, run_variant

FUEL = "technologies.genset.fuel_price_usd_per_l"


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


def test_a_bad_vary_path_is_a_clear_error_and_nothing_is_written(tmp_path: Path) -> None:
    out = tmp_path / "s"
    r = run("sweep", "--vary", "technologies.genset.fuel_pric_usd_per_l=1:2", "--vary",
            f"{FUEL}=2:1", "-o", str(out))  # fmt: skip
    assert r.exit_code == 2
    assert "2 problem(s) with --vary" in r.output
    assert "did you mean technologies.genset.fuel_price_usd_per_l" in r.output
    assert "write it as 1:2" in r.output
    assert "Traceback" not in r.output and not out.exists()


def test_bad_method_stage_and_samples_are_clear_errors(tmp_path: Path) -> None:
    out = str(tmp_path / "s")
    for args, text in (
        (["--stage", "money"], "--stage 'money' is not one of plan, stress, design, verdict"),
        (["--method", "sobol", "--samples", "6"], "power of 2"),
        (["--method", "lhs"], "needs --samples"),
    ):
        r = run("sweep", "--vary", f"{FUEL}=1:2", "-o", out, *args)
        assert r.exit_code == 2 and text in r.output, r.output
    assert not Path(out).exists()


def test_a_sweep_into_a_users_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "data.csv").write_text("1,2\n")
    r = run("sweep", "--vary", f"{FUEL}=1:2", "-o", str(tmp_path / "mine"))
    assert r.exit_code == 2 and "not written by cayo" in r.output
    assert sorted(p.name for p in (tmp_path / "mine").iterdir()) == ["data.csv"]


def test_stress_workers_need_a_fixed_number_of_years() -> None:
    r = run("stress", "--workers", "2")
    assert r.exit_code == 2 and "give --years N" in r.output


def test_a_variant_that_fails_records_its_error_and_does_not_raise() -> None:
    # each year alone is valid; together the first milestone comes after the second
    task = Task("v00007", "cayo-digital.yaml", {"phasing.milestones.0.year": 2031},
                {"phasing.milestones.0.year": (2026.0, 2031.0)})  # fmt: skip
    row = run_variant(task, default_scenario_text())
    assert row["variant"] == "v00007" and row["status"] == "failed"
    assert "milestones" in row["error"] and row["seconds"] >= 0
    assert row["phasing.milestones.0.year"] == 2031
