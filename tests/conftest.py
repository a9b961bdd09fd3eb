"""Shared fixtures: the default scenario is planned once per test session, through the CLI."""

from __future__ import annotations

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
    scenario; standard error is not a terminal, so it holds the timestamped log lines."""
    out = tmp_path_factory.mktemp("plan") / "cayo-digital"
    result = CliRunner().invoke(app, ["plan", "-o", str(out)], terminal_width=110)
    assert result.exit_code == 0, result.output
    return result.stdout, out, result.stderr


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
