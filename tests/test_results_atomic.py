"""Writing results is atomic: a failure mid-way leaves neither a partial folder nor temp files,
and an existing folder survives a failed overwrite. `write_results` takes the scenario's identity
from ``result.loaded`` and refuses another scenario's results; `write_stress_results` writes
stress results. Fast: what a folder holds is stood in for (writing is what is under test; the
real contents are written by the session's `cayo plan` in tests/conftest.py)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from results_cases import snapshot

import cayo.results.io as rio
from cayo.results.folder import MANIFEST, OutputError, read_manifest


class Boom(Exception):
    pass


def loaded(path: Path, text: str = "name: Town\n") -> SimpleNamespace:
    """Stand-in for a `PlanResult`: only ``loaded`` (path, text, scenario name) is read here."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    scenario = SimpleNamespace(name="Town")
    return SimpleNamespace(loaded=SimpleNamespace(path=path, text=text, scenario=scenario))


def fake_write_into(result: SimpleNamespace, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)  # as `_write_into` does: the folder exists
    (folder / "summary.json").write_text(json.dumps({"text": result.loaded.text}))
    (folder / "lp").mkdir()
    (folder / "lp" / "lp_parameters.json").write_text("{}")


@pytest.fixture
def stand_in(monkeypatch):
    monkeypatch.setattr(rio, "_write_into", fake_write_into)


def test_failure_midway_leaves_nothing(tmp_path, monkeypatch):
    result = loaded(tmp_path / "s" / "town.yaml")

    def broken(result: SimpleNamespace, folder: Path) -> None:
        fake_write_into(result, folder)
        raise Boom

    monkeypatch.setattr(rio, "_write_into", broken)
    with pytest.raises(Boom):
        rio.write_results(result, tmp_path / "res")
    assert os.listdir(tmp_path) == ["s"]


def test_failed_overwrite_keeps_old_folder(tmp_path, monkeypatch, stand_in):
    result = loaded(tmp_path / "s" / "town.yaml")
    target = tmp_path / "res"
    rio.write_results(result, target)
    before = snapshot(target)
    monkeypatch.setattr(rio, "_write_into", lambda *a: (_ for _ in ()).throw(Boom()))
    with pytest.raises(Boom):
        rio.write_results(result, target)
    assert snapshot(target) == before
    assert sorted(os.listdir(tmp_path)) == ["res", "s"]


def test_write_results_records_the_scenario_of_result_loaded(tmp_path, stand_in):
    result = loaded(tmp_path / "s" / "town.yaml", "name: Town\nseed: 3\n")
    target = rio.write_results(result, tmp_path / "res")
    m = read_manifest(target)
    assert m is not None and m.kind == "plan"
    assert m.scenario is not None
    assert m.scenario.path == m.scenario.identity == str((tmp_path / "s" / "town.yaml").resolve())
    assert m.scenario.sha256 == hashlib.sha256(b"name: Town\nseed: 3\n").hexdigest()
    assert m.scenario.name == "Town"
    assert m.files == ("lp/lp_parameters.json", "summary.json")
    assert json.loads((target / MANIFEST).read_text())["cayo_version"]


def test_write_results_replaces_its_own_and_refuses_another_scenarios(tmp_path, stand_in):
    mine = loaded(tmp_path / "s" / "town.yaml")
    target = tmp_path / "results" / "town"
    rio.write_results(mine, target)
    edited = loaded(tmp_path / "s" / "town.yaml", "name: Town\nseed: 9\n")  # same file, edited
    rio.write_results(edited, target)
    assert "seed: 9" in json.loads((target / "summary.json").read_text())["text"]
    copy = loaded(tmp_path / "s" / "copy.yaml")  # `cayo init copy.yaml`, same scenario name
    before = snapshot(target)
    with pytest.raises(OutputError, match="another scenario") as err:
        rio.write_results(copy, target)
    assert "copy.yaml" in str(err.value) and "town.yaml" in str(err.value)
    assert snapshot(target) == before
    rio.write_results(copy, target, replace_other=True)
    assert read_manifest(target).scenario.path.endswith("copy.yaml")


def test_write_results_refuses_a_foreign_folder_before_writing(tmp_path, monkeypatch):
    target = tmp_path / "res"
    target.mkdir()
    (target / "keep.txt").write_text("keep")
    monkeypatch.setattr(rio, "_write_into", lambda *a: pytest.fail("nothing may be written"))
    with pytest.raises(OutputError, match="not written by cayo"):
        rio.write_results(loaded(tmp_path / "s" / "town.yaml"), target)
    assert snapshot(target) == {"keep.txt": b"keep"}


def test_write_stress_results_writes_stress_results_of_the_given_scenario(tmp_path, monkeypatch):
    def fake_stress(stress: object, folder: Path) -> None:
        (folder / "stress.json").write_text("{}")

    monkeypatch.setattr(rio, "_write_stress", fake_stress)
    scen = tmp_path / "town.yaml"
    scen.write_text("name: Town\n")
    target = rio.write_stress_results(object(), tmp_path / "plan" / "stress", scenario=scen)
    m = read_manifest(target)
    assert m is not None and m.kind == "stress" and m.files == ("stress.json",)
    assert m.scenario is not None and m.scenario.path == str(scen.resolve())
    monkeypatch.setattr(rio, "_write_into", fake_write_into)
    with pytest.raises(OutputError, match="holds stress results"):
        rio.write_results(loaded(scen), target)
