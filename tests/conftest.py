"""Shared fixtures: the default scenario is planned once per test session, through the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cayo.cli import app


@pytest.fixture(scope="session")
def default_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """(stdout of `cayo plan -o DIR`, DIR) for the packaged default scenario."""
    out = tmp_path_factory.mktemp("plan") / "cayo-digital"
    result = CliRunner().invoke(app, ["plan", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return result.output, out
