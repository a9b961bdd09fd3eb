"""Real signals: a process writing a results folder is killed mid-write. SIGTERM and SIGINT
clean up at once; SIGKILL leaves temporaries that the next write removes; a kill between the two
renames of the swap leaves the previous folder renamed away, and the next write puts it back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from results_cases import fill, snapshot

from cayo.results.folder import atomic_dir, check_output_dir

WRITER = """
import os, signal, sys, time
from pathlib import Path
from cayo.results.folder import atomic_dir

target, scenario, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]

if mode == "swap":  # die by SIGKILL right after the previous folder is renamed away
    rename = os.rename

    def rename_then_die(src, dst):
        rename(src, dst)
        if ".old-" in str(dst):
            os.kill(os.getpid(), signal.SIGKILL)

    os.rename = rename_then_die

def slow_fill(tmp):
    (tmp / "summary.json").write_text('{"version": "killed"}')
    (tmp / "lp").mkdir()
    (tmp / "lp" / "lp_parameters.json").write_text("killed")
    if mode != "swap":
        print("filling", flush=True)
        time.sleep(60)

atomic_dir(target, slow_fill, scenario=scenario)
print("done", flush=True)
"""


def start_writer(target: Path, scenario: Path, mode: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target), str(scenario), mode],
        stdout=subprocess.PIPE,
        text=True,
    )


def write_and_kill(target: Path, scenario: Path, sig: signal.Signals) -> int:
    """Start a writer, wait until it is filling its temporary folder, send `sig`; its exit code."""
    p = start_writer(target, scenario, "slow")
    try:
        assert p.stdout is not None
        assert p.stdout.readline().strip() == "filling"
        assert any(n.startswith(f".{target.name}.tmp-{p.pid}") for n in os.listdir(target.parent))
        p.send_signal(sig)
        return p.wait(timeout=30)
    finally:
        p.kill()
        p.wait()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_sigterm_and_sigint_mid_write_clean_up_and_keep_the_previous_folder(tmp_path, scen, sig):
    target = tmp_path / "res"
    atomic_dir(target, fill, scenario=scen)
    before = snapshot(target)
    code = write_and_kill(target, scen, sig)
    if sig == signal.SIGTERM:
        assert code == 128 + signal.SIGTERM  # `Terminated`: an orderly exit, no traceback
    else:
        assert code != 0
    assert sorted(os.listdir(tmp_path)) == ["res", "scenarios"]  # cleaned up by the run itself
    assert snapshot(target) == before


def test_sigkill_mid_write_leaves_a_temporary_that_the_next_write_removes(tmp_path, scen):
    target = tmp_path / "res"
    atomic_dir(target, fill, scenario=scen)
    before = snapshot(target)
    assert write_and_kill(target, scen, signal.SIGKILL) == -signal.SIGKILL
    left = [n for n in os.listdir(tmp_path) if n.startswith(".res.tmp-")]
    assert left, "SIGKILL cannot be handled: the temporary folder stays until the next write"
    assert snapshot(target) == before
    atomic_dir(target, lambda t: fill(t, "next"), scenario=scen)
    assert sorted(os.listdir(tmp_path)) == ["res", "scenarios"]
    assert (target / "summary.json").read_text() == '{"version": "next"}'


def test_a_kill_between_the_two_renames_is_repaired_by_the_next_run(tmp_path, scen):
    target = tmp_path / "res"
    atomic_dir(target, fill, scenario=scen)
    before = snapshot(target)
    p = start_writer(target, scen, "swap")
    assert p.wait(timeout=30) == -signal.SIGKILL
    names = os.listdir(tmp_path)
    assert "res" not in names and any(n.startswith(".res.old-") for n in names)
    check_output_dir(target, scen)  # what the next run does first
    assert sorted(os.listdir(tmp_path)) == ["res", "scenarios"]
    assert snapshot(target) == before
