"""The stress test of real plans: the default scenario (planned once per session through the CLI),
a second plan with another plant, the saved-plan re-run, reproducibility and convergence."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from cayo.cli import app
from cayo.scenario.io import default_scenario_text
from cayo.stress.metrics import ci_half_width_share

# The simulator must reproduce the LP's own year (no failures, the plan's grid) this closely.
NOMINAL_TOLERANCE = 1e-3  # [-] of served electricity and of served water


def stress_meta(folder: Path) -> dict:
    return json.loads((folder / "summary.json").read_text())["metadata"]["stress"]


def test_default_plan_is_reproduced_by_the_simulator(default_run: tuple[str, Path]) -> None:
    nominal = stress_meta(default_run[1])["nominal_check"]
    assert abs(nominal["served_kwh_rel_diff"]) <= NOMINAL_TOLERANCE
    assert abs(nominal["served_water_rel_diff"]) <= NOMINAL_TOLERANCE
    assert nominal["lp_served_kwh"] > 5e7  # a whole town's year, not an empty case


def test_default_stress_converged_by_the_rule(default_run: tuple[str, Path]) -> None:
    folder = default_run[1]
    meta = stress_meta(folder)
    years = pd.read_parquet(folder / "stress_years.parquet")
    run = json.loads((folder / "scenario.resolved.json").read_text())["stress"]["run"]
    assert len(years) == meta["years"] >= run["min_years"]
    assert meta["seed"] == json.loads((folder / "scenario.resolved.json").read_text())["seed"]
    share = ci_half_width_share(years["unserved_kwh"].to_numpy())
    assert share == pytest.approx(meta["unserved_ci95_half_width_share"])
    assert meta["converged"] == (share <= run["ci_rel_target"])
    if meta["converged"] and meta["years"] > run["min_years"]:  # it stopped at the first batch
        before = years["unserved_kwh"].to_numpy()[: meta["years"] - run["batch_years"]]
        assert ci_half_width_share(before) > run["ci_rel_target"]


def test_default_stress_outputs(default_run: tuple[str, Path]) -> None:
    output, folder = default_run[0], default_run[1]
    assert "Stress test" in output and "Surviving an outage" in output
    sv = pd.read_csv(folder / "survival.csv")
    assert sv["outage_h"].tolist() == list(range(1, len(sv) + 1))
    for col in sv.columns[1:]:
        assert sv[col].between(0, 1).all() and (np.diff(sv[col]) <= 0).all()
    summary = pd.read_csv(folder / "stress_summary.csv", index_col="metric")
    u = summary.loc["unserved_kwh"]
    assert u["ci95_low"] <= u["mean"] <= u["ci95_high"] and u["p50"] <= u["p90"] <= u["p99"]
    a = summary.loc["data_centre_availability_pct"]
    assert a["p99"] <= a["p90"] <= a["p50"] <= 100.0  # availabilities: P99 is the low side
    for name in ("survival.png", "stress_distribution.png", "stress_system.npz"):
        assert (folder / name).stat().st_size > 1000
    figures = json.loads((folder / "summary.json").read_text())["figures"]
    assert figures["stress_unserved_kwh_mean"] == pytest.approx(u["mean"])


def test_saved_plan_reruns_the_same_numbers(default_run: tuple[str, Path], tmp_path: Path) -> None:
    folder = default_run[1]
    runner = CliRunner()
    outs = []
    for name, seed in (("a", "5"), ("b", "5"), ("c", "6")):
        target = tmp_path / name
        r = runner.invoke(
            app, ["stress", "--plan", str(folder), "--years", "300", "--seed", seed,
                  "-o", str(target)]
        )  # fmt: skip
        assert r.exit_code == 0, r.output
        outs.append(pd.read_parquet(target / "stress_years.parquet"))
        assert json.loads((target / "stress.json").read_text())["metadata"]["seed"] == int(seed)
    pd.testing.assert_frame_equal(outs[0], outs[1])
    assert len(outs[0]) == 300
    assert not outs[0]["unserved_kwh"].equals(outs[2]["unserved_kwh"])


def test_saved_plan_missing_is_a_clear_error(tmp_path: Path) -> None:
    r = CliRunner().invoke(app, ["stress", "--plan", str(tmp_path)])
    assert r.exit_code == 2
    assert "stress_system.npz" in r.output and "cayo plan -o" in r.output
    assert not (tmp_path / "stress").exists()


@pytest.mark.slow
def test_another_plan_is_reproduced_and_stressed(tmp_path: Path) -> None:
    """No island grid and a smaller town: a plant of PV, battery and engines only."""
    text = default_scenario_text()
    text = text.replace(
        "  island_grid:\n    enabled: true", "  island_grid:\n    enabled: false", 1
    ).replace("specialists: 12000", "specialists: 6000", 1)
    text = text.replace("phasing:\n  enabled: true", "phasing:\n  enabled: false", 1)
    assert "enabled: false" in text and "specialists: 6000" in text
    path = tmp_path / "small.yaml"
    path.write_text(text)
    out = tmp_path / "out"
    r = CliRunner().invoke(app, ["stress", str(path), "--years", "400", "-o", str(out)])
    assert r.exit_code == 0, r.output
    meta = stress_meta(out)
    assert abs(meta["nominal_check"]["served_kwh_rel_diff"]) <= NOMINAL_TOLERANCE
    assert abs(meta["nominal_check"]["served_water_rel_diff"]) <= NOMINAL_TOLERANCE
    years = pd.read_parquet(out / "stress_years.parquet")
    assert len(years) == 400 and meta["years"] == 400
    assert (years["grid_import_kwh"] == 0).all()  # no grid, nothing imported
    assert (years["island_grid_collapses"] == 0).all()
    assert not (out / "phases.csv").exists()  # phasing off: the full town's plan alone
