"""The command line: exit codes, messages, no tracebacks, nothing written on bad input."""

from __future__ import annotations

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
    assert "valid" in r.output and "15,000 residents" in r.output


def test_init_then_validate(tmp_path):
    f = tmp_path / "my-town.yaml"
    r = runner.invoke(app, ["init", str(f)])
    assert r.exit_code == 0, r.output
    assert f.read_text() == default_scenario_text()
    assert runner.invoke(app, ["validate", str(f)]).exit_code == 0
    again = runner.invoke(app, ["init", str(f)])
    assert again.exit_code == 2 and "exists" in again.output


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


def test_plan_another_scenario_with_its_own_weather_file(tmp_path):
    """`cayo plan FILE`: a scenario whose weather is a TMY3 file next to it (pvlib's Greensboro
    year), with the island grid and the battery switched off. The file's site is ~15° away, so
    the results carry a note; the plan must still balance with gensets and PV alone."""
    import json
    import shutil
    from pathlib import Path

    import pvlib

    shutil.copy(Path(pvlib.__file__).parent / "data" / "723170TYA.CSV", tmp_path / "greensboro.csv")
    text = (
        default_scenario_text()
        .replace("  source: reference\n", "  source: file\n  file: greensboro.csv\n")
        .replace("name: Cayo Digital", "name: Test Town")
    )
    island = text.index("  island_grid:\n    enabled: true")
    text = text[:island] + text[island:].replace("enabled: true", "enabled: false", 1)
    battery = text.index("  battery:\n    enabled: true")
    text = text[:battery] + text[battery:].replace("enabled: true", "enabled: false", 1)
    f = tmp_path / "town.yaml"
    f.write_text(text)
    out = tmp_path / "out"
    r = runner.invoke(app, ["plan", str(f), "-o", str(out), "-q"])
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
    for word in ("residence", "office", "campus", "data_centre", "streets", "total", "note:"):
        assert word in r.output
    import pandas as pd

    table = pd.read_csv(csv, index_col="facility")
    assert table.at["residence", "occupants"] == 15000
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
