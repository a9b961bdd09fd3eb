"""Fixtures of the results-folder tests: a live PID, a scenario file."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from cayo.results.folder import pid_alive


@pytest.fixture
def live_pid() -> Iterator[int]:
    """The PID of a running process (not the test's own)."""
    p = subprocess.Popen(["sleep", "60"])
    try:
        assert pid_alive(p.pid)
        yield p.pid
    finally:
        p.kill()
        p.wait()


@pytest.fixture
def scen(tmp_path: Path) -> Path:
    """A scenario file in its own folder (its text is never parsed here)."""
    d = tmp_path / "scenarios"
    d.mkdir()
    f = d / "my-town.yaml"
    f.write_text("name: My town\n")
    return f
