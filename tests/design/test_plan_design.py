"""The default town's design through `cayo plan`: it passes, holds on a fresh seed, and the
terminal, the report and design.json show the same figures."""

from __future__ import annotations

import json
from pathlib import Path

from cayo.report.design_tables import criteria_cells, lever_cells, money_cells, unserved_cells


def doc_of(run: tuple[str, Path, str]) -> dict:
    return json.loads((run[1] / "design.json").read_text())


def test_the_default_design_passes_and_holds_on_a_fresh_seed(default_run) -> None:  # type: ignore[no-untyped-def]
    doc = doc_of(default_run)
    assert doc["passed"] and doc["verified"]
    for row in doc["criteria"]:
        tier = row["criterion"] == "data-centre tier"
        ok = row["fresh"] >= row["threshold"] if tier else row["fresh"] <= row["threshold"]
        assert ok and row["fresh_passed"], row
        # on the design years the criterion holds at the failing end of the P90's interval
        assert (row["design"] >= row["threshold"]) if tier else (row["design"] <= row["threshold"])
    assert doc["extra_usd_yr"] > 0 and doc["extra_capex_usd"] > 0
    # the hurricanes' line damage is what the calm plan cannot ride through: lines or
    # microgrids must be in the design (docs/notes/design-for-failure-floor.md)
    assert {"hardened_share", "underground_share", "microgrid_kw"} & set(doc["sizes"])
    # the design's cost is the sum of its levers'
    assert sum(lv["annual_usd_yr"] for lv in doc["levers"]) == __import__("pytest").approx(
        doc["extra_usd_yr"]
    )


def test_terminal_report_and_file_agree_on_the_design(default_run) -> None:  # type: ignore[no-untyped-def]
    stdout, folder, _ = default_run
    doc = doc_of(default_run)
    page = (folder / "report.html").read_text(encoding="utf-8")
    import html

    flat = " ".join(stdout.split())
    for make in (money_cells, lever_cells, criteria_cells, unserved_cells):
        _, rows = make(doc)
        for row in rows:
            for cell in row:
                if not cell:
                    continue
                assert html.escape(cell) in page, (make.__name__, cell)
                # the terminal wraps long cells: compare word by word
                assert all(word in flat for word in cell.split()), (make.__name__, cell)
    verdict = json.loads((folder / "verdict.json").read_text())
    assert any(r.startswith("a design passes") or r.startswith("a passing design")
               for r in verdict["reasons"])  # fmt: skip


def test_with_land_enough_the_no_go_becomes_go_with_conditions(default_run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The same saved plan on a site of 400 ha (land was the criterion no lever reaches): the
    verdict of `cayo verdict --plan` turns to "go with conditions", the conditions being the
    passing design for every stress criterion (on a copy: it rewrites verdict.json)."""
    import shutil

    from typer.testing import CliRunner

    from cayo.cli import app
    from cayo.verdict.designed import DESIGN_LEVER

    folder = tmp_path / "plan"
    shutil.copytree(default_run[1], folder)
    resolved = folder / "scenario.resolved.json"
    doc = json.loads(resolved.read_text())
    doc["criteria"]["land_available_ha"] = 400.0
    resolved.write_text(json.dumps(doc))
    r = CliRunner().invoke(app, ["verdict", "--plan", str(folder), "--no-confirm"])
    assert r.exit_code == 0, r.output
    v = json.loads((folder / "verdict.json").read_text())
    assert v["outcome"] == "go with conditions"
    assert v["reasons"][0].startswith("a passing design exists, checked on a fresh seed: build")
    failed = [row["criterion"] for row in v["scorecard"] if not row["passed"]]
    assert set(failed) == {"unserved electricity", "unserved water", "water autonomy"}
    assert all(v["changes"][name]["lever"] == DESIGN_LEVER for name in failed)
    assert all(row["passed"] for row in v["design_scorecard"])
