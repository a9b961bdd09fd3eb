"""Shared fixtures: the default scenario is planned once per test run, through the CLI (once
for all pytest-xdist workers)."""

from __future__ import annotations

import fcntl
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cayo.cli import app
from cayo.scenario.io import load_scenario
from cayo.scenario.schema import Scenario
from cayo.weather.reference import reference_year
from cayo.weather.year import WeatherYear

SLOW_FIXTURES = {"default_run", "chromium_path"}  # a whole default plan; a browser


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that use a slow fixture, directly or through another fixture, are `slow`: the fast
    tier (`pytest -m "not slow"`) leaves them out, the README's test command runs them."""
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def scenario() -> Scenario:
    """The packaged default scenario (Cayo Digital)."""
    return load_scenario().scenario


@pytest.fixture(scope="session")
def weather(scenario: Scenario) -> WeatherYear:
    """The default scenario's reference year (Miami TMY2 carried to the island)."""
    return reference_year(scenario.site, scenario.weather.year)


@pytest.fixture(scope="session")
def default_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, str]:
    """(stdout of `cayo plan -o DIR`, DIR, its standard error) for the packaged default
    scenario; standard error is not a terminal, so it holds the timestamped log lines.

    The first xdist worker to ask plans it under a lock in the run's shared temporary folder;
    the others wait and read it (tests must not change DIR: they copy it first)."""
    root = tmp_path_factory.getbasetemp()
    if root.name.startswith("popen-gw"):  # an xdist worker: share the parent of the workers
        root = root.parent
    record = root / "default-plan.json"
    with (root / "default-plan.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not record.exists():
            out = root / "default-plan" / "cayo-digital"
            result = CliRunner().invoke(app, ["plan", "-o", str(out)], terminal_width=110)
            assert result.exit_code == 0, result.output
            record.write_text(json.dumps([result.stdout, str(out), result.stderr]))
    stdout, out_dir, stderr = json.loads(record.read_text())
    return stdout, Path(out_dir), stderr


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's chromium, installed by this fixture when the machine lacks it (the registries
    are reachable in CI); its absence fails the test rather than skipping it."""
    import os
    import shutil
    import subprocess

    path = shutil.which("chromium")
    if path is None:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], env=env, check=False)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], env=env, check=False)
        path = shutil.which("chromium")
    if path is None:
        pytest.fail("Debian's chromium is missing and `apt-get install chromium` failed")
    return path
