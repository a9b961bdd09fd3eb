"""The command line: exit codes, messages, no tracebacks, nothing written on bad input."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from cayo.cli import app
from cayo.scenario.io import default_scenario_text

runner = CliRunner()


def test_validate_default():
    r = runner.invoke(app, ["validate"])
    assert r.exit_code == 0
    assert "valid" in r.output and "25,783 residents" in r.output  # families included


def test_init_then_validate(tmp_path):
    """`cayo init` copies the default with the file's name as the scenario's name, so its
    results get their own folder (results/my-town), not the default's."""
    f = tmp_path / "my-town.yaml"
    r = runner.invoke(app, ["init", str(f)])
    assert r.exit_code == 0, r.output
    text = f.read_text()
    default = default_scenario_text()
    assert text != default and len(text.splitlines()) == len(default.splitlines())
    v = runner.invoke(app, ["validate", str(f)])
    assert v.exit_code == 0 and "'my town'" in v.output, v.output
    from cayo.cli import slug
    from cayo.scenario.io import load_scenario

    assert slug(load_scenario(f).scenario.name) == "my-town" != slug(load_scenario().scenario.name)
    again = runner.invoke(app, ["init", str(f)])
    assert again.exit_code == 2 and "exists" in again.output
    assert f.read_text() == text


def test_init_into_a_folder_is_refused(tmp_path):
    r = runner.invoke(app, ["init", str(tmp_path)])
    assert r.exit_code == 2 and "is a folder" in r.output and "Traceback" not in r.output


def test_help_shows_defaults():
    """Option defaults are shown; rich markup no longer eats "[default: …]"."""
    import re as _re

    for command in ("plan", "stress", "design", "verdict", "demand"):
        r = runner.invoke(app, [command, "--help"], terminal_width=200)
        assert r.exit_code == 0
        text = _re.sub(r"[\s│]+", " ", r.output)
        if command != "demand":
            assert "default: results/<scenario name>" in text, text
    plan_help = runner.invoke(app, ["plan", "--help"], terminal_width=200).output
    plan_help = _re.sub(r"[\s│]+", " ", plan_help)
    assert "[default: confirm]" in plan_help, plan_help


def test_bad_scenario_exit_2_every_problem_no_traceback_nothing_written(tmp_path):
    bad = (
        default_scenario_text()
        .replace("latitude: 21.75", "latitude: 123")
        .replace("students: 3000", "students: -5")
    )
    f = tmp_path / "bad.yaml"
    f.write_text(bad)
    out = tmp_path / "out"
    r = runner.invoke(app, ["plan", str(f), "-o", str(out)])
    assert r.exit_code == 2
    assert "2 problems" in r.output
    assert "site.latitude" in r.output and "people.students" in r.output
    assert "Traceback" not in r.output
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [f]


def test_cayo_design_refuses_a_bad_design_section_before_any_work(tmp_path):
    """Absurd design settings are located errors, all at once, and nothing is written."""
    text = (
        default_scenario_text()
        .replace("  years: 1000 ", "  years: 5 ")
        .replace("  line_km_per_dwelling: 0.020 ", "  line_km_per_dwelling: 3 ")
        .replace("    outage_factor: 0.22 ", "    outage_factor: 1.5 ")
    )
    f = tmp_path / "bad.yaml"
    f.write_text(text)
    out = tmp_path / "out"
    r = runner.invoke(app, ["design", str(f), "-o", str(out)])
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert "3 problems" in r.output, r.output
    for field in (
        "design.years",
        "design.line_km_per_dwelling",
        "design.underground.outage_factor",
    ):
        assert field in r.output
    assert not out.exists()


def test_missing_file_is_a_clear_error(tmp_path):
    r = runner.invoke(app, ["validate", str(tmp_path / "nope.yaml")])
    assert r.exit_code == 2 and "file not found" in r.output


def test_python_dash_m_and_real_process_exit_code(tmp_path):
    """A real process: `python -m cayo` routes to the same CLI and exits 2 on a bad file."""
    f = tmp_path / "empty.yaml"
    f.write_text("")
    p = subprocess.run(
        [sys.executable, "-m", "cayo", "validate", str(f)], capture_output=True, text=True
    )
    assert p.returncode == 2
    assert "empty" in p.stderr and "Traceback" not in p.stderr
    h = subprocess.run([sys.executable, "-m", "cayo", "--help"], capture_output=True, text=True)
    assert h.returncode == 0 and "plan" in h.stdout


@pytest.mark.slow
def test_plan_another_scenario_with_its_own_weather_file(tmp_path):
    """`cayo plan FILE`: a scenario whose weather is a TMY3 file next to it (pvlib's Greensboro
    year), with the island grid and the battery switched off (and no build-out milestones, which
    this test does not look at). The file's site is ~15° away, so the results carry a note; the
    plan must still balance with gensets and PV alone."""
    import json
    import shutil
    from pathlib import Path

    import pvlib

    shutil.copy(Path(pvlib.__file__).parent / "data" / "723170TYA.CSV", tmp_path / "greensboro.csv")
    text = (
        default_scenario_text()
        .replace("  source: reference\n", "  source: file\n  file: greensboro.csv\n")
        .replace("name: Cayo Digital", "name: Test Town")
        .replace("phasing:\n  enabled: true", "phasing:\n  enabled: false", 1)
    )
    assert "phasing:\n  enabled: false" in text
    island = text.index("  island_grid:\n    enabled: true")
    text = text[:island] + text[island:].replace("enabled: true", "enabled: false", 1)
    battery = text.index("  battery:\n    enabled: true")
    text = text[:battery] + text[battery:].replace("enabled: true", "enabled: false", 1)
    f = tmp_path / "town.yaml"
    f.write_text(text)
    out = tmp_path / "out"
    r = runner.invoke(app, ["plan", str(f), "-o", str(out), "-q", "--no-confirm"])
    assert r.exit_code == 0, r.output
    doc = json.loads((out / "summary.json").read_text())
    assert "greensboro.csv" in doc["metadata"]["weather_source"]
    assert any("more than 1" in n for n in doc["metadata"]["weather_notes"])
    fig = doc["figures"]
    assert fig["grid_import_kwh_yr"] == 0 and fig["battery_kwh"] == 0
    # no battery, no grid: PV + gensets + unserved cover the town and the water plants
    supplied = fig["pv_used_kwh_yr"] + fig["genset_kwh_yr"] + fig["unserved_kwh_yr"]
    assert supplied == pytest.approx(fig["load_kwh_yr"] + fig["water_plants_kwh_yr"], rel=1e-6)


def test_program_command_prints_the_facility_table(tmp_path):
    csv = tmp_path / "facilities.csv"
    r = runner.invoke(app, ["program", "--csv", str(csv)])
    assert r.exit_code == 0, r.output
    for word in ("residence", "office", "campus", "data_centre", "streets", "total", "People"):
        assert word in r.output
    assert "service staff needed" in r.output and "Nueva Gerona" in r.output
    import pandas as pd

    from cayo.program import build_program
    from cayo.scenario.io import load_scenario

    residents = build_program(load_scenario().scenario).population.residents
    assert f"{residents:,.0f}" in r.output  # the People table and the file agree
    table = pd.read_csv(csv, index_col="facility")
    assert table.at["residence", "occupants"] == pytest.approx(residents)
    assert table.at["campus", "capacity"] == 3000


def test_demand_command_writes_the_hourly_table(tmp_path):
    import pandas as pd

    target = tmp_path / "demand.parquet"
    r = runner.invoke(app, ["demand", "-o", str(target)])
    assert r.exit_code == 0, r.output
    for word in (
        "electricity",
        "water supplied",
        "wastewater",
        "LPG",
        "solid waste",
        "data traffic",
    ):
        assert word in r.output
    df = pd.read_parquet(target)
    assert len(df) == 8760
    assert (
        "electricity_kW__residence" in df.columns and "water_m3_per_h__network_losses" in df.columns
    )
    assert [p.name for p in tmp_path.iterdir()] == ["demand.parquet"]  # no temporary file left


def test_piped_run_logs_every_stage_with_a_timestamp(default_run):
    """Not on a terminal there is no bar: each stage, milestone and the confirmation of the
    verdict's changes leave a timestamped log line on standard error."""
    import re as _re

    log = default_run[2]
    stamp = r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} INFO "
    for stage in ("weather", "lp", "stress", "phases", "money", "verdict", "confirm"):
        assert _re.search(stamp + stage + r": started$", log, _re.MULTILINE), (stage, log)
        assert _re.search(stamp + stage + r": done in [\d.]+ s$", log, _re.MULTILINE), stage
    assert _re.search(stamp + r"phases: milestone 2030 \(2 of 3\)$", log, _re.MULTILINE), log
    assert _re.search(stamp + r"stress: [\d,]+ years", log, _re.MULTILINE), log


def test_plan_confirms_the_verdict_like_cayo_verdict(default_run):
    """`cayo plan` re-plans the cheapest changes as `cayo verdict` and the Python API do."""
    import json

    folder = default_run[1]
    meta = json.loads((folder / "summary.json").read_text())["metadata"]
    assert meta["verdict_confirmed"] is True and "confirm" in meta["stages_run"]
    changes = json.loads((folder / "verdict.json").read_text())["changes"]
    found = [c for c in changes.values() if c is not None]
    assert found and all(c["confirmed"] is not None for c in found)


def test_verdict_of_a_saved_plan_prints_the_money(default_run, tmp_path):
    """`cayo verdict --plan DIR` shows the money beside the criteria, from the saved figures
    (on a copy: it rewrites the folder's verdict.json)."""
    import json
    import shutil

    from cayo import fmt

    folder = tmp_path / "plan"
    shutil.copytree(default_run[1], folder)
    figures = json.loads((folder / "summary.json").read_text())["figures"]
    saved = json.loads((folder / "verdict.json").read_text())
    r = runner.invoke(app, ["verdict", "--plan", str(folder), "--no-confirm"], terminal_width=200)
    assert r.exit_code == 0, r.output
    assert "net present cost" in r.output and "Verdict:" in r.output
    assert fmt.money(figures["npc_total_usd"]).split(" ")[0] in r.output
    # the saved plan is judged with the same design as `cayo plan` judged it
    again = json.loads((folder / "verdict.json").read_text())
    assert again["outcome"] == saved["outcome"]
    assert again["reasons"][0] == saved["reasons"][0] and "design" in saved["reasons"][0]
    import pytest as _pytest

    for a, b in zip(again["design_scorecard"], saved["design_scorecard"], strict=True):
        assert (a["criterion"], a["passed"]) == (b["criterion"], b["passed"])
        assert a["value"] == _pytest.approx(b["value"], rel=1e-9)  # saved figures: 12 digits


def test_stress_runs_only_what_the_stress_test_needs(default_run, tmp_path):
    """`cayo stress FILE` plans one LP and stress-tests it: no milestone plans, money or
    verdict (they were run, and written, by `cayo plan` before). Into a folder of a plan of
    the same scenario, its LP starts from the saved optimal basis: the same optimum at once."""
    import json
    import shutil

    out = tmp_path / "stressed"
    shutil.copytree(default_run[1], out)
    before = json.loads((out / "summary.json").read_text())
    r = runner.invoke(app, ["stress", "-n", "200", "-o", str(out)], terminal_width=110)
    assert r.exit_code == 0, r.output
    after = json.loads((out / "summary.json").read_text())
    meta = after["metadata"]
    assert meta["stages_run"] == ["weather", "program", "demand", "pv", "fixed", "lp", "figures",
                                  "stress"]  # fmt: skip
    assert not (out / "verdict.json").exists() and not (out / "phases.csv").exists()
    assert (out / "stress_summary.csv").exists() and "Stress test" in r.stdout
    assert meta["solver"]["warm_start"] and not before["metadata"]["solver"]["warm_start"]
    assert meta["solver"]["iterations"] < before["metadata"]["solver"]["iterations"] / 100
    for key in ("lp_objective_usd_yr", "pv_kw", "battery_kwh", "genset_kw", "water_tank_m3"):
        assert after["figures"][key] == pytest.approx(before["figures"][key], rel=1e-9), key


def test_cold_ignores_the_saved_basis(default_run, tmp_path, monkeypatch):
    """`--cold` solves from scratch; without it the saved basis of the folder is handed on."""
    import json
    import shutil

    import cayo.pipeline
    from cayo.errors import CayoError

    out = tmp_path / "plan"
    shutil.copytree(default_run[1], out)
    seen = []

    def stop(*_a, **kw):
        seen.append(kw["warm"])
        raise CayoError("stopped by the test")

    monkeypatch.setattr(cayo.pipeline, "run_plan", stop)
    for command in (["plan", "--cold"], ["plan"], ["stress", "--cold"], ["stress"]):
        r = runner.invoke(app, [*command, "-o", str(out), "-q"])
        assert r.exit_code != 0 and "stopped by the test" in r.output
    assert seen[0] is None and seen[2] is None
    assert seen[1] is not None and seen[1].town is not None and seen[3].town is not None
    assert len(seen[1].town.col_status) == int(
        json.loads((out / "summary.json").read_text())["metadata"]["solver"]["lp_columns"]
    )
    phases = json.loads((out / "scenario.resolved.json").read_text())["phasing"]["milestones"]
    assert sorted(seen[1].milestones) == sorted(m["year"] for m in phases) != []


def test_plan_refuses_foreign_folders_before_any_work(tmp_path, monkeypatch):
    """`cayo plan -o .` and `-o` on a non-empty folder cayo did not write are refused at once
    (exit 2, the pipeline never starts) and nothing in them is touched."""
    import time

    import cayo.pipeline

    def boom(*_a, **_k):
        raise AssertionError("the pipeline ran")

    monkeypatch.setattr(cayo.pipeline, "run_plan", boom)
    scenario = tmp_path / "my.yaml"
    scenario.write_text(default_scenario_text())
    (tmp_path / "notes.txt").write_text("mine")
    foreign = tmp_path / "thesis"
    foreign.mkdir()
    (foreign / "chapter1.tex").write_text("precious")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    monkeypatch.chdir(tmp_path)
    for target in (".", str(tmp_path), str(foreign), str(tmp_path / "my.yaml")):
        t0 = time.perf_counter()
        r = runner.invoke(app, ["plan", str(scenario), "-o", target])
        assert r.exit_code == 2, (target, r.output)
        assert "Traceback" not in r.output and "error" in r.output
        assert time.perf_counter() - t0 < 2.0
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before


def test_demand_into_an_existing_folder_is_a_clear_error(tmp_path):
    r = runner.invoke(app, ["demand", "-o", str(tmp_path)])
    assert r.exit_code == 2 and "folder" in r.output and "Traceback" not in r.output
    assert list(tmp_path.iterdir()) == []


def test_a_300_character_name_is_refused_before_any_work(tmp_path):
    import time

    t0 = time.perf_counter()
    r = runner.invoke(app, ["plan", "-o", str(tmp_path / ("x" * 300))])
    assert r.exit_code == 2 and "Traceback" not in r.output, r.output
    assert time.perf_counter() - t0 < 2.0
    assert list(tmp_path.iterdir()) == []


def test_service_staff_that_cannot_settle_is_a_clear_error_in_program_and_validate(tmp_path):
    """Staff norms so high that service households never settle: `cayo program` and `cayo
    validate` say so without a traceback and exit non-zero."""
    text = (
        default_scenario_text()
        .replace("  norms: {}\n", "  norms: {residence: {staff_per_unit: 1.0}}\n")
        .replace("    live_in_share: 0.3 ", "    live_in_share: 1.0 ")
    )
    f = tmp_path / "town.yaml"
    f.write_text(text)
    for command in ("program", "validate"):
        r = runner.invoke(app, [command, str(f)])
        assert r.exit_code != 0
        assert "service staff do not settle" in r.output and "Traceback" not in r.output
        # the count stops at the people ceiling: no runaway 40-digit figure
        assert not re.search(r"\d{1,3}(,\d{3}){3,}", r.output), r.output
        # and the rounds stop once the count passes the people ceiling, long before 200
        rounds = re.search(r"after (\d+) rounds", r.output)
        assert rounds is not None and int(rounds.group(1)) < 50, r.output


def test_verdict_of_a_saved_plan_without_what_its_design_needs_is_a_clear_error(
    default_run, tmp_path
):
    """A results folder from an older cayo (no people in its metadata: the town's lines cannot
    be sized) is refused with the way out, not a traceback."""
    import json
    import shutil

    folder = tmp_path / "old"
    shutil.copytree(default_run[1], folder)
    summary = folder / "summary.json"
    doc = json.loads(summary.read_text())
    doc["metadata"].pop("people")
    summary.write_text(json.dumps(doc))
    r = runner.invoke(app, ["verdict", "--plan", str(folder), "--no-confirm"])
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert "cannot read the saved plan" in r.output and "cayo plan -o" in r.output
