"""The HTML report: every number it shows equals the saved result it names; it renders in a real
headless Chromium with no console error and no network request, and its figures draw."""

from __future__ import annotations

import html
import json
import re
import time
from pathlib import Path

import pandas as pd
import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from cayo.cli import app
from cayo.report.html import fmt_value, render_report

NUMBER = re.compile(
    r'<span class="n" data-src="([^"]*)" data-value="([^"]*)" data-scale="([^"]*)" '
    r'data-fmt="([^"]*)">([^<]*)</span>'
)


def walk(node, path: str):
    for part in path.split("."):
        if isinstance(node, list):
            node = node[int(part)]
        elif part in node:
            node = node[part]
        else:
            node = node[int(part)]
    return node


def saved(folder: Path, src: str) -> float:
    """The saved value a report number names."""
    kind, _, rest = src.partition(":")
    if kind == "summary":
        return json.loads((folder / "summary.json").read_text())["figures"][rest]
    if kind == "meta":
        return walk(json.loads((folder / "summary.json").read_text())["metadata"], rest)
    if kind == "verdict":
        return walk(json.loads((folder / "verdict.json").read_text()), rest)
    if kind == "yaml":
        return walk(YAML(typ="rt").load((folder / "scenario.yaml").read_text()), rest)
    if kind == "csv":
        name, row, col = rest.split(":")
        if name == "phases.csv":
            return pd.read_csv(folder / name).loc[int(row), col]
        df = pd.read_csv(folder / name, index_col=0)
        df.index = df.index.astype(str)
        return df.loc[row, col]
    raise AssertionError(f"unknown source {src}")


def test_every_number_equals_the_saved_result(default_run: tuple[str, Path]) -> None:
    folder = default_run[1]
    page = (folder / "report.html").read_text(encoding="utf-8")
    numbers = NUMBER.findall(page)
    assert len(numbers) > 300
    kinds = set()
    for src, value, scale, fmt, text in numbers:
        src, fmt, text = html.unescape(src), html.unescape(fmt), html.unescape(text)
        kinds.add(src.split(":")[0])
        truth = float(saved(folder, src))
        assert float(value) == pytest.approx(truth, rel=1e-12, abs=1e-12) or (
            truth != truth and value == "nan"
        ), src
        assert text == fmt_value(truth, float(scale), fmt), (src, text)
    assert kinds >= {"summary", "meta", "verdict", "yaml", "csv"}
    verdict = json.loads((folder / "verdict.json").read_text())
    for reason in verdict["reasons"]:
        assert f"<li>{html.escape(reason)}</li>" in page
    # every section whose results exist is there
    for title in ("Verdict", "The town", "Demand", "The supply plan", "Stress test", "Money",
                  "Workforce and phasing", "Assumptions", "Reproducibility"):  # fmt: skip
        assert f"<h2>{title}</h2>" in page


def test_report_renders_in_chromium(
    default_run: tuple[str, Path], chromium_path: str, tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    requests: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto((default_run[1] / "report.html").resolve().as_uri())
        images = page.evaluate(
            "Array.from(document.images).map(i => [i.complete, i.naturalWidth, i.naturalHeight])"
        )
        shot = tmp_path / "report.png"
        page.screenshot(path=str(shot), full_page=True)
        # the sortable facility table sorts by a numeric column
        table = page.locator("table.sortable").first
        table.locator("th").nth(1).click()
        first = table.locator("tbody tr td .n").first.get_attribute("data-value")
        values = [float(v) for v in table.locator("tbody tr td:nth-child(2) .n").evaluate_all(
            "els => els.map(e => e.dataset.value)")]  # fmt: skip
        browser.close()
    assert errors == []
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
    assert len(images) >= 8 and all(ok and w > 100 and h > 100 for ok, w, h in images)
    assert shot.stat().st_size > 100_000
    assert values == sorted(values) and float(first) == values[0]


def test_report_command_rerenders_from_saved_results(
    default_run: tuple[str, Path], tmp_path: Path
) -> None:
    import shutil

    folder = tmp_path / "copy"
    shutil.copytree(default_run[1], folder)
    (folder / "report.html").unlink()
    t0 = time.perf_counter()
    r = CliRunner().invoke(app, ["report", str(folder)])
    assert r.exit_code == 0, r.output
    print(f"report rendered in {time.perf_counter() - t0:.2f} s")  # measured, never asserted
    assert (folder / "report.html").read_text().count('class="n"') > 300
    r = CliRunner().invoke(app, ["report", str(tmp_path / "missing")])
    assert r.exit_code == 2 and "not a results folder" in r.output


def test_sections_without_results_are_left_out(
    default_run: tuple[str, Path], tmp_path: Path
) -> None:
    import shutil

    folder = tmp_path / "copy"
    shutil.copytree(default_run[1], folder)
    for name in ("stress_summary.csv", "stress.json", "verdict.json", "money_flows.csv"):
        (folder / name).unlink()
    path, seconds = render_report(folder)
    page = path.read_text()
    assert "<h2>Stress test</h2>" not in page and "<h2>Verdict</h2>" not in page
    assert "<h2>Money</h2>" not in page and "<h2>The supply plan</h2>" in page
