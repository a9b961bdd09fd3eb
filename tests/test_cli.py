"""The command line: exit codes, messages, no tracebacks, nothing written on bad input."""

from __future__ import annotations

import subprocess
import sys

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
