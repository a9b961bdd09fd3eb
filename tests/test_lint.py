"""ruff (lint + format) and mypy run as part of the test command, so CI runs them too."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TARGETS = [str(ROOT / d) for d in ("src", "tests", "bench", "examples") if (ROOT / d).exists()]


@pytest.mark.parametrize(
    "cmd",
    [["ruff", "check", *TARGETS], ["ruff", "format", "--check", *TARGETS]],
    ids=["ruff-check", "ruff-format"],
)
def test_ruff(cmd):
    if shutil.which("ruff") is None:
        pytest.fail("ruff is not installed; `pip install -e .[test]` installs it")
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 0, p.stdout + p.stderr


def test_mypy():
    p = subprocess.run(
        [sys.executable, "-m", "mypy", str(ROOT / "src")], capture_output=True, text=True, cwd=ROOT
    )
    assert p.returncode == 0, p.stdout + p.stderr
