"""Where results may go: cayo replaces only its own results of the same scenario, refuses
everything else untouched, checks before the work starts, and tidies what killed runs left."""

from __future__ import annotations

import errno
import json
import os
import signal
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from results_cases import dead_pid, fill, make_temp, snapshot

from cayo.results.folder import (
    FILE_TMP,
    MANIFEST,
    MARKER,
    OutputError,
    ScenarioRef,
    atomic_dir,
    atomic_write,
    check_output_dir,
    check_output_file,
    clean_stale,
    pid_alive,
    read_manifest,
    scenario_of,
    signals_as_exceptions,
)


def never(tmp: Path) -> None:
    raise AssertionError("fill must not run when the folder is refused")


# --------------------------------------------------------------------- rule 1: foreign folders


def test_foreign_non_empty_folder_is_refused_and_nothing_in_it_changes(tmp_path, scen):
    target = tmp_path / "mine"
    target.mkdir()
    (target / "thesis.docx").write_bytes(b"\x00years of work")
    (target / ".hidden").write_text("dotfile")
    (target / "data").mkdir()
    (target / "data" / "survey.csv").write_text("a,b\n1,2\n")
    before, siblings = snapshot(target), sorted(os.listdir(tmp_path))
    with pytest.raises(OutputError) as err:
        atomic_dir(target, never, scenario=scen)
    msg = str(err.value)
    assert "not written by cayo" in msg and "thesis.docx" in msg and "-o" in msg
    assert "remove" in msg  # how to fix it
    assert snapshot(target) == before
    assert sorted(os.listdir(tmp_path)) == siblings  # no temporary left beside it
    with pytest.raises(OutputError):
        check_output_dir(target, scen)
    assert snapshot(target) == before


def test_a_folder_with_a_broken_manifest_is_foreign(tmp_path, scen):
    target = tmp_path / "res"
    target.mkdir()
    (target / MANIFEST).write_text("{not json")
    (target / "notes.txt").write_text("mine")
    before = snapshot(target)
    with pytest.raises(OutputError, match="cannot be read"):
        atomic_dir(target, never, scenario=scen)
    assert snapshot(target) == before


def test_files_added_to_cayo_results_are_not_deleted(tmp_path, scen):
    target = tmp_path / "res"
    atomic_dir(target, fill, scenario=scen)
    (target / "lp" / "my-notes.txt").write_text("mine")
    (target / "extra").mkdir()
    (target / "extra" / "plot.png").write_bytes(b"png")
    before = snapshot(target)
    with pytest.raises(OutputError) as err:
        atomic_dir(target, never, scenario=scen)
    assert "lp/my-notes.txt" in str(err.value) and "extra/" in str(err.value)
    assert snapshot(target) == before
    with pytest.raises(OutputError):  # --overwrite does not allow it either
        atomic_dir(target, never, scenario=scen, replace_other=True)
    assert snapshot(target) == before


def test_an_existing_empty_folder_is_used(tmp_path, scen):
    target = tmp_path / "empty"
    target.mkdir()
    out = atomic_dir(target, fill, scenario=scen)
    assert out == target.resolve()
    assert (target / "summary.json").read_text() == '{"version": "1"}'
    assert sorted(os.listdir(tmp_path)) == ["empty", "scenarios"]
    assert MARKER not in os.listdir(target)


def test_an_existing_regular_file_is_refused(tmp_path, scen):
    target = tmp_path / "res"
    target.write_bytes(b"important")
    with pytest.raises(OutputError, match="is a file"):
        atomic_dir(target, never, scenario=scen)
    assert target.read_bytes() == b"important"
    assert sorted(os.listdir(tmp_path)) == ["res", "scenarios"]


@pytest.mark.parametrize("where", [".", "..", "cwd", "cwd/.."])
def test_current_folder_and_its_ancestors_are_refused_even_when_cayo_wrote_them(
    tmp_path, scen, monkeypatch, where
):
    home = tmp_path / "results" / "own"
    atomic_dir(home, fill, scenario=scen)  # a folder cayo wrote: rule 1 alone would allow it
    monkeypatch.chdir(home)
    path = {"cwd": str(home), "cwd/..": str(home / "..")}.get(where, where)
    before = snapshot(tmp_path)
    with pytest.raises(OutputError, match="current folder"):
        check_output_dir(path, scen)
    with pytest.raises(OutputError, match="current folder"):
        atomic_dir(path, never, scenario=scen)
    assert snapshot(tmp_path) == before
    assert Path.cwd() == home.resolve()


def test_a_folder_holding_the_scenario_file_is_refused(tmp_path):
    target = tmp_path / "res"

    def with_scenario(tmp: Path) -> None:
        fill(tmp)
        (tmp / "scenario.yaml").write_text("name: x\n")

    atomic_dir(target, with_scenario, scenario=tmp_path / "scenario.yaml")
    before = snapshot(target)  # `cayo plan res/scenario.yaml -o res` would rename it away
    with pytest.raises(OutputError, match="holds the scenario file"):
        atomic_dir(target, never, scenario=target / "scenario.yaml")
    assert snapshot(target) == before


# --------------------------------------------------------------------- rule 2: other scenarios


def test_results_of_another_scenario_are_refused_naming_both(tmp_path, scen, monkeypatch):
    monkeypatch.chdir(tmp_path)
    target = Path("results") / "my-town"
    atomic_dir(target, fill, scenario=scen)
    other = scen.with_name("copy.yaml")
    other.write_text(scen.read_text())  # same text: identity is the file, not the hash
    before = snapshot(target)
    with pytest.raises(OutputError) as err:
        atomic_dir(target, never, scenario=other)
    msg = str(err.value)
    assert str(scen.resolve()) in msg and str(other.resolve()) in msg
    assert "-o results/copy" in msg and "--overwrite" in msg
    assert snapshot(target) == before
    atomic_dir(target, lambda t: fill(t, "2"), scenario=other, replace_other=True)
    assert (target / "summary.json").read_text() == '{"version": "2"}'
    assert scenario_of(target).path == str(other.resolve())


def test_the_packaged_default_has_a_stable_identity_and_a_copy_is_another_scenario(tmp_path):
    from cayo.scenario.io import default_scenario_text, load_scenario

    default = load_scenario()
    ref = ScenarioRef.of(default.path, default.text, default.scenario.name)
    assert ref.identity == "package:cayo.data/cayo-digital.yaml"
    target = tmp_path / "results" / "cayo-digital"
    atomic_dir(target, fill, scenario=default)  # a LoadedScenario is accepted as it is
    copy = tmp_path / "copy.yaml"  # what `cayo init copy.yaml` writes
    copy.write_text(default_scenario_text())
    with pytest.raises(OutputError, match="packaged default scenario"):
        atomic_dir(target, never, scenario=copy)
    atomic_dir(target, lambda t: fill(t, "again"), scenario=default)  # its own: replaced


def test_stress_results_do_not_replace_plan_results(tmp_path, scen):
    target = tmp_path / "res"
    atomic_dir(target, fill, scenario=scen, kind="plan")
    with pytest.raises(OutputError, match="holds plan results"):
        atomic_dir(target, never, scenario=scen, kind="stress")


# --------------------------------------------------------------------- rule 3: atomic replace


def test_own_results_are_replaced_atomically(tmp_path, scen):
    target = tmp_path / "res"
    atomic_dir(target, fill, scenario=scen)
    first = read_manifest(target)
    scen.write_text("name: My town\nseed: 7\n")  # edited scenario, same file: its own results
    seen = {}

    def second(tmp: Path) -> None:
        seen["during"] = (target / "summary.json").read_text()  # the old one, untouched
        fill(tmp, "2")

    atomic_dir(target, second, scenario=ScenarioRef.of(scen, scen.read_text()))
    assert seen["during"] == '{"version": "1"}'
    assert (target / "summary.json").read_text() == '{"version": "2"}'
    assert sorted(os.listdir(tmp_path)) == ["res", "scenarios"]
    m = read_manifest(target)
    assert m is not None and first is not None
    assert m.files == ("lp/lp_parameters.json", "summary.json") and m.kind == "plan"
    assert m.scenario is not None and m.scenario.sha256 is not None
    assert m.scenario.identity == first.scenario.identity == str(scen.resolve())


def test_a_failed_replace_keeps_the_previous_folder_and_leaves_nothing(tmp_path, scen):
    target = tmp_path / "res"
    atomic_dir(target, fill, scenario=scen)
    before = snapshot(target)

    def broken(tmp: Path) -> None:
        fill(tmp, "2")
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        atomic_dir(target, broken, scenario=scen)
    assert snapshot(target) == before
    assert sorted(os.listdir(tmp_path)) == ["res", "scenarios"]


def test_a_disk_filling_up_mid_write_is_a_clear_error_and_changes_nothing(tmp_path, scen):
    target = tmp_path / "res"
    atomic_dir(target, fill, scenario=scen)
    before = snapshot(target)

    def full(tmp: Path) -> None:
        (tmp / "summary.json").write_text("half")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OutputError, match="filled up while writing"):
        atomic_dir(target, full, scenario=scen)

    def full_file(tmp: Path) -> None:
        tmp.write_text("half")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OutputError, match="filled up while writing"):
        atomic_write(tmp_path / "a.csv", full_file)
    assert snapshot(target) == before
    assert sorted(os.listdir(tmp_path)) == ["res", "scenarios"]


def test_threads_writing_the_same_folder_do_not_collide(tmp_path, scen):
    target = tmp_path / "res"
    with ThreadPoolExecutor(4) as pool:
        done = list(
            pool.map(
                lambda i: atomic_dir(target, lambda t: fill(t, str(i)), scenario=scen), range(8)
            )
        )
    assert done == [target.resolve()] * 8
    assert sorted(os.listdir(tmp_path)) == ["res", "scenarios"]
    assert read_manifest(target) is not None


def test_a_results_folder_inside_results_is_replaced_with_them(tmp_path, scen):
    target = tmp_path / "res"
    atomic_dir(target, fill, scenario=scen)
    atomic_dir(target / "stress", fill, scenario=scen, kind="stress")  # `cayo stress --plan`
    atomic_dir(target, lambda t: fill(t, "2"), scenario=scen)
    assert not (target / "stress").exists()


def test_files_cayo_adds_later_join_the_manifest(tmp_path, scen):
    target = tmp_path / "res"
    atomic_dir(target, fill, scenario=scen)
    atomic_write(target / "verdict.json", lambda t: t.write_text("{}"))  # `cayo verdict --plan`
    assert "verdict.json" in read_manifest(target).files
    atomic_dir(target, fill, scenario=scen)


# --------------------------------------------------------------------- rule 4: stale temporaries


def test_a_dead_runs_temporaries_are_removed_by_the_next_write(tmp_path, scen):
    pid = dead_pid()
    target = tmp_path / "res"
    make_temp(tmp_path / f".res.tmp-{pid}", pid)
    (tmp_path / f".res{FILE_TMP}{pid}").write_text("half a file")
    (tmp_path / f".cayo-probe-{pid}").write_text("")
    atomic_dir(target, fill, scenario=scen)
    assert sorted(os.listdir(tmp_path)) == ["res", "scenarios"]


def test_a_live_runs_temporary_is_left_alone(tmp_path, scen, live_pid):
    target = tmp_path / "res"
    tmp = make_temp(tmp_path / f".res.tmp-{live_pid}", live_pid)
    old = make_temp(tmp_path / f".res.old-{live_pid}", live_pid)
    before = snapshot(tmp)
    atomic_dir(target, fill, scenario=scen)
    assert snapshot(tmp) == before and old.is_dir()


def test_a_users_folder_matching_the_pattern_without_the_marker_is_left_alone(tmp_path, scen):
    pid = dead_pid()
    target = tmp_path / "res"
    user_tmp = make_temp(tmp_path / f".res.tmp-{pid}", pid, marked=False)
    user_old = make_temp(tmp_path / f".res.old-{pid}", pid, marked=False)
    user_file = tmp_path / f".res.tmp-{pid}.txt"
    user_file.write_text("mine")
    before = snapshot(tmp_path)
    assert clean_stale(target) == []
    assert snapshot(tmp_path) == before
    atomic_dir(target, fill, scenario=scen)
    assert snapshot(user_tmp) == before_sub(before, user_tmp.name)
    assert snapshot(user_old) == before_sub(before, user_old.name)
    assert user_file.read_text() == "mine"


def before_sub(snap: dict[str, bytes | None], name: str) -> dict[str, bytes | None]:
    return {k.removeprefix(name + "/"): v for k, v in snap.items() if k.startswith(name + "/")}


def test_a_previous_folder_orphaned_mid_swap_is_restored(tmp_path, scen):
    target = tmp_path / "res"
    atomic_dir(target, fill, scenario=scen)
    before = snapshot(target)
    pid = dead_pid()
    old = tmp_path / f".res.old-{pid}"  # the run died between its two renames
    target.rename(old)
    (old / MARKER).write_text(json.dumps({"cayo": "temporary", "pid": pid}))
    make_temp(tmp_path / f".res.tmp-{pid}", pid)
    assert check_output_dir(target, scen) == target.resolve()  # the check tidies first
    assert snapshot(target) == before  # put back, marker gone
    assert sorted(os.listdir(tmp_path)) == ["res", "scenarios"]


def test_an_orphaned_previous_folder_is_removed_once_the_new_one_is_in_place(tmp_path, scen):
    target = tmp_path / "res"
    atomic_dir(target, lambda t: fill(t, "new"), scenario=scen)
    pid = dead_pid()
    make_temp(tmp_path / f".res.old-{pid}", pid)
    atomic_dir(target, lambda t: fill(t, "newer"), scenario=scen)
    assert sorted(os.listdir(tmp_path)) == ["res", "scenarios"]
    assert (target / "summary.json").read_text() == '{"version": "newer"}'


def test_pid_alive(live_pid):
    assert pid_alive(os.getpid()) and pid_alive(live_pid)
    assert not pid_alive(dead_pid())
    assert not pid_alive(2**40)


# --------------------------------------------------------------------- rule 5: checks up front


def test_a_name_too_long_is_refused_before_any_work(tmp_path, scen):
    with pytest.raises(OutputError) as err:
        atomic_dir(tmp_path / ("x" * 300), never, scenario=scen)
    assert "300 bytes long" in str(err.value) and "at most 242 bytes" in str(err.value)
    with pytest.raises(OutputError, match="at most 242 bytes"):
        check_output_dir(tmp_path / ("x" * 243), scen)
    check_output_dir(tmp_path / ("x" * 242), scen)  # fits, temporary name included
    deep = tmp_path.joinpath(*["d" * 200] * 21)  # every name fits; the path does not
    with pytest.raises(OutputError, match="limit of 4096 bytes"):
        check_output_dir(deep, scen)
    with pytest.raises(OutputError, match="at most 237 bytes"):
        check_output_file(tmp_path / ("y" * 240 + ".csv"))
    assert sorted(os.listdir(tmp_path)) == ["scenarios"]


def test_every_problem_is_reported_at_once(tmp_path, scen):
    with pytest.raises(OutputError) as err:
        check_output_dir(tmp_path / ("x" * 300), scen, need_bytes=10**18)
    assert len(err.value.problems) == 2
    assert "2 problems found" in str(err.value)
    assert "300 bytes long" in str(err.value) and "MB free" in str(err.value)


def test_not_enough_free_space_states_the_figure(tmp_path, scen):
    with pytest.raises(OutputError, match=r"needs about 1,000,000,000,000 MB"):
        check_output_dir(tmp_path / "res", scen, need_bytes=10**18)
    with pytest.raises(OutputError, match="MB free"):
        check_output_file(tmp_path / "demand.parquet", need_bytes=10**18)
    check_output_dir(tmp_path / "res", scen)  # the default 200 MB fits on the test disk


def test_a_parent_that_is_a_file_is_refused(tmp_path, scen):
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(OutputError, match="is a file, so no"):
        check_output_dir(tmp_path / "file.txt" / "res", scen)
    with pytest.raises(OutputError, match="is a file, so no"):
        atomic_write(tmp_path / "file.txt" / "a.csv", lambda t: t.write_text(""))


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores permission bits")
def test_a_parent_without_write_permission_is_refused(tmp_path, scen):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="cannot create files"):
            check_output_dir(locked / "res", scen)
        with pytest.raises(OutputError, match="cannot create files"):
            check_output_file(locked / "demand.parquet")
    finally:
        locked.chmod(0o700)


def test_the_probe_really_writes(tmp_path, scen, monkeypatch):
    import cayo.results.folder as folder

    def refuse(path, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(folder.os, "open", refuse)
    with pytest.raises(OutputError, match=r"cannot create files in .*Permission denied"):
        check_output_dir(tmp_path / "res", scen)


# --------------------------------------------------------------------- rule 6: single files


def test_an_existing_folder_is_refused_where_a_file_is_wanted(tmp_path, scen):
    target = tmp_path / "out"
    target.mkdir()
    (target / "keep.txt").write_text("keep")
    with pytest.raises(OutputError, match="existing folder"):
        check_output_file(target)
    with pytest.raises(OutputError, match="existing folder"):
        atomic_write(target, never)
    assert snapshot(target) == {"keep.txt": b"keep"}
    with pytest.raises(OutputError, match="is the scenario file"):
        check_output_file(scen, scen)
    assert (
        check_output_file(tmp_path / "new" / "demand.parquet")
        == (tmp_path / "new" / "demand.parquet").resolve()
    )
    assert not (tmp_path / "new").exists()  # checking creates nothing


def test_atomic_write_removes_dead_runs_temporaries_only(tmp_path, live_pid):
    pid = dead_pid()
    target = tmp_path / "demand.parquet"
    (tmp_path / f".demand.parquet{FILE_TMP}{pid}").write_text("half")
    live = tmp_path / f".demand.parquet{FILE_TMP}{live_pid}"
    live.write_text("being written")
    users = [tmp_path / f".demand.parquet.{what}-{pid}" for what in ("tmp", "bak", "old")]
    for f in users:  # no cayo- in their names: not ours
        f.write_text("mine")
    atomic_write(target, lambda t: t.write_text("table"))
    assert sorted(os.listdir(tmp_path)) == sorted(
        ["demand.parquet", live.name, *(f.name for f in users)]
    )
    assert target.read_text() == "table" and all(f.read_text() == "mine" for f in users)


def test_atomic_write_leaves_nothing_after_an_error(tmp_path):
    target = tmp_path / "a.csv"
    target.write_text("old")

    def broken(tmp: Path) -> None:
        tmp.write_text("new, half")
        raise RuntimeError

    with pytest.raises(RuntimeError):
        atomic_write(target, broken)
    assert os.listdir(tmp_path) == ["a.csv"] and target.read_text() == "old"


# --------------------------------------------------------------------- signals


def test_signal_handlers_are_installed_while_writing_and_restored_after():
    before = signal.getsignal(signal.SIGTERM)
    with signals_as_exceptions():
        inside = signal.getsignal(signal.SIGTERM)
        assert inside is not before
        with pytest.raises(SystemExit) as exc:
            os.kill(os.getpid(), signal.SIGTERM)
            signal.sigtimedwait([], 0.01)  # let the handler run
        assert exc.value.code == 128 + signal.SIGTERM
    assert signal.getsignal(signal.SIGTERM) is before


def test_no_handlers_outside_the_main_thread():
    seen = {}

    def run() -> None:
        with signals_as_exceptions():
            seen["handler"] = signal.getsignal(signal.SIGTERM)

    t = threading.Thread(target=run)
    t.start()
    t.join()
    assert seen["handler"] is signal.getsignal(signal.SIGTERM)
