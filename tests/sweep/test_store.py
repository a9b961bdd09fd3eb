"""The run store: a row per variant written atomically, resumed by the same sweep only, never a
file of the user's touched, one table that pandas and DuckDB read."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from cayo.errors import CayoError
from cayo.results.folder import MANIFEST, OutputError, check_output_dir, read_manifest
from cayo.scenario.io import load_scenario
from cayo.sweep.samples import make_samples
from cayo.sweep.store import TABLE, adopt, load_rows, open_store, part_name
from cayo.sweep.vary import check_varies

FUEL = "technologies.genset.fuel_price_usd_per_l"


@pytest.fixture(scope="module")
def loaded():  # type: ignore[no-untyped-def]
    return load_scenario()


def samples(loaded, spec: str = "0.9:1.5:4"):  # type: ignore[no-untyped-def]
    return make_samples(check_varies([f"{FUEL}={spec}"], loaded), loaded.scenario, "grid")


def row(vid: str, **kw: object) -> dict:
    return {"variant": vid, FUEL: 1.0, "status": "ok", "error": "", "npc_total_usd": 1e8, **kw}


def test_rows_are_resumed_by_the_same_sweep(tmp_path: Path, loaded) -> None:  # type: ignore[no-untyped-def]
    sm = samples(loaded)
    store, done = open_store(tmp_path / "s", sm, "plan", loaded)
    assert done == 0
    store.add(row("v00000"))
    store.add(row("v00002", status="failed", error="HiGHS: infeasible"))
    again, done = open_store(tmp_path / "s", sm, "plan", loaded)
    assert done == 2 and again.done() == {"v00000", "v00002"}
    rows = again.finish()
    assert list(rows["variant"]) == ["v00000", "v00002"]
    assert list(rows["status"]) == ["ok", "failed"]
    back = pd.read_parquet(tmp_path / "s" / TABLE)
    pd.testing.assert_frame_equal(back, rows)
    duckdb = pytest.importorskip("duckdb")
    n = duckdb.sql(f"SELECT count(*) FROM '{tmp_path / 's' / TABLE}' WHERE status = 'ok'")
    assert n.fetchall() == [(1,)]
    assert load_rows(tmp_path / "s")[0].shape == rows.shape
    # the folder is cayo's: every file listed, so it passes the check of a results folder
    listed = set(read_manifest(tmp_path / "s").files)  # type: ignore[union-attr]
    assert {part_name("v00000"), part_name("v00002"), TABLE, "sweep.json"} <= listed
    check_output_dir(tmp_path / "s", loaded, kind="sweep")


def test_another_sweep_in_the_folder_is_refused_unless_restarted(tmp_path: Path, loaded) -> None:  # type: ignore[no-untyped-def]
    store, _ = open_store(tmp_path / "s", samples(loaded), "plan", loaded)
    store.add(row("v00000"))
    store.flush()
    other = samples(loaded, "0.9:1.5:5")
    with pytest.raises(CayoError, match="holds another sweep.*--restart"):
        open_store(tmp_path / "s", other, "plan", loaded)
    with pytest.raises(CayoError, match="holds another sweep"):
        open_store(tmp_path / "s", samples(loaded), "stress", loaded)  # same variants, other stage
    fresh, done = open_store(tmp_path / "s", other, "plan", loaded, restart=True)
    assert done == 0 and fresh.done() == set()


def test_parts_a_killed_run_did_not_list_are_adopted_and_foreign_files_are_not(
    tmp_path: Path, loaded
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "s"
    store, _ = open_store(folder, samples(loaded), "plan", loaded)
    store.add(row("v00000"))
    store.add(row("v00001"))  # written, not yet listed (the manifest is updated every 2 s)
    store.pending.clear()  # as if killed here
    m = json.loads((folder / MANIFEST).read_text())
    m["files"] = [f for f in m["files"] if "v00001" not in f]
    (folder / MANIFEST).write_text(json.dumps(m))
    adopt(folder)
    check_output_dir(folder, loaded, kind="sweep")  # no foreign entry
    (folder / "runs" / "notes.txt").write_text("mine")
    with pytest.raises(OutputError, match="notes.txt"):
        check_output_dir(folder, loaded, kind="sweep")
    # a part of another sweep (another key) is not this sweep's, and not adopted
    other = samples(loaded, "0.9:1.5:5")
    o, _ = open_store(tmp_path / "o", other, "plan", loaded)
    o.add(row("v00003"))
    (folder / "runs" / "notes.txt").unlink()
    (tmp_path / "o" / part_name("v00003")).rename(folder / part_name("v00003"))
    assert "v00003" not in store.done()
    adopt(folder)
    with pytest.raises(OutputError, match="part-v00003"):
        check_output_dir(folder, loaded, kind="sweep")


def test_a_folder_of_the_users_is_refused(tmp_path: Path, loaded) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.docx").write_text("x")
    adopt(tmp_path / "mine")  # not a sweep folder: left alone
    with pytest.raises(OutputError, match="not written by cayo"):
        check_output_dir(tmp_path / "mine", loaded, kind="sweep")
    assert (tmp_path / "mine" / "thesis.docx").read_text() == "x"
    assert not (tmp_path / "mine" / MANIFEST).exists()
