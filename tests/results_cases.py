"""Tiny fake results folders for the tests of `cayo.results.folder` (no LP, no pipeline)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from cayo.results.folder import MARKER, pid_alive


def fill(tmp: Path, version: str = "1") -> None:
    """A stand-in for a results folder's contents, written into `tmp`."""
    (tmp / "summary.json").write_text(f'{{"version": "{version}"}}')
    (tmp / "lp").mkdir()
    (tmp / "lp" / "lp_parameters.json").write_text(version)


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every entry under `folder`, hidden ones included: relative path → bytes (None: folder)."""
    return {
        p.relative_to(folder).as_posix(): None if p.is_dir() else p.read_bytes()
        for p in sorted(folder.rglob("*"))
    }


def make_temp(path: Path, pid: int, marked: bool = True) -> Path:
    """A folder like one a killed cayo run leaves (cayo's marker inside unless not `marked`)."""
    path.mkdir()
    (path / "summary.json").write_text("partial")
    (path / "lp").mkdir()
    (path / "lp" / "x.csv").write_text("1")
    if marked:
        (path / MARKER).write_text(f'{{"cayo": "temporary", "pid": {pid}}}')
    return path


def dead_pid() -> int:
    """The PID of a process that has finished and been reaped."""
    p = subprocess.Popen(["true"])
    p.wait()
    assert not pid_alive(p.pid)
    return p.pid
