"""Writing results is atomic: a failure mid-way leaves neither a partial folder nor temp files,
and an existing folder survives a failed overwrite."""

from __future__ import annotations

import pytest

import cayo.results.io as rio


class Boom(Exception):
    pass


def test_failure_midway_leaves_nothing(tmp_path, monkeypatch, default_run):
    from cayo.pipeline import run_plan  # noqa: F401  (imported for monkeypatch target below)

    result = _result_from(default_run)
    monkeypatch.setattr(rio, "save_inputs", lambda *a, **k: (_ for _ in ()).throw(Boom()))
    target = tmp_path / "res"
    with pytest.raises(Boom):
        rio.write_results(result, target)
    assert list(tmp_path.iterdir()) == []


def test_failed_overwrite_keeps_old_folder(tmp_path, monkeypatch, default_run):
    result = _result_from(default_run)
    target = tmp_path / "res"
    rio.write_results(result, target)
    before = sorted(p.name for p in target.iterdir())
    monkeypatch.setattr(rio, "save_inputs", lambda *a, **k: (_ for _ in ()).throw(Boom()))
    with pytest.raises(Boom):
        rio.write_results(result, target)
    assert sorted(p.name for p in target.iterdir()) == before
    assert [p.name for p in tmp_path.iterdir()] == ["res"]


_cache: dict = {}


def _result_from(default_run):
    """A small PlanResult: the default scenario re-planned on one fixed week would change the
    scenario; instead plan once here (cached) — writing is what is under test."""
    if "r" not in _cache:
        from dataclasses import replace

        from cayo.pipeline import run_plan
        from cayo.scenario.io import load_scenario

        loaded = load_scenario()
        s = loaded.scenario
        s = s.model_copy(update={"phasing": s.phasing.model_copy(update={"enabled": False})})
        _cache["r"] = run_plan(replace(loaded, scenario=s), stress=False)  # one LP, no stress
    return _cache["r"]
