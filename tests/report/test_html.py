"""The HTML report: every number it shows equals the saved result it names and reads as
`cayo.fmt` writes it; a figure missing from summary.json shows as "—" with its reason; it
renders in a real headless Chromium with no console error and no network request, its figures
draw, and the assumptions fold and filter."""

from __future__ import annotations

import html
import json
import re
import shutil
import time
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from cayo import fmt
from cayo.cli import app
from cayo.report.html import fmt_value, render_report

NUMBER = re.compile(
    r'<span class="n" data-src="([^"]*)" data-value="([^"]*)" data-scale="([^"]*)" '
    r'data-fmt="([^"]*)"(?: data-missing="([^"]*)" title="[^"]*")?>([^<]*)</span>'
)
# a month's total in the annual unit of demand_summary.csv: Σ hourly × factor
ANNUAL_FACTOR = {"electricity": 1e-3, "water": 1.0, "wastewater": 1.0, "bod": 1e-3,
                 "lpg": 1e-3, "waste": 1e-3, "data": 3600 / 8 / 1000}  # fmt: skip
PREFIX = {"electricity": "electricity_kW__", "water": "water_m3_per_h__",
          "wastewater": "wastewater_m3_per_h__", "bod": "bod_kg_per_h__",
          "lpg": "lpg_kg_per_h__", "waste": "waste_kg_per_h__",
          "data": "data_Gbit_per_s__"}  # fmt: skip


def walk(node, path: str):
    for part in path.split("."):
        if isinstance(node, list):
            node = node[int(part)]
        elif part in node:
            node = node[part]
        else:
            node = node[int(part)]
    return node


@cache
def hourly_totals(folder: Path) -> pd.DataFrame:
    """Every carrier's hourly total from demand_hourly.parquet, columns picked here by hand:
    the carrier's prefix, without the electricity cooling parts (already in their facility)."""
    wide = pd.read_parquet(folder / "demand_hourly.parquet")
    return pd.DataFrame(
        {
            c: wide[[k for k in wide.columns if k.startswith(p) and "__cooling_" not in k]].sum(
                axis=1
            )
            for c, p in PREFIX.items()
        }
    )


def monthly(folder: Path, carrier: str, month: int) -> float:
    """A month's total of a carrier [its annual unit] from the saved hourly table."""
    t = hourly_totals(folder)[carrier]
    return float(t[t.index.month == month].sum() * ANNUAL_FACTOR[carrier])


def saved(folder: Path, src: str) -> float | None:
    """The saved value a report number names (None: a figure summary.json does not hold)."""
    kind, _, rest = src.partition(":")
    if kind == "summary":
        return json.loads((folder / "summary.json").read_text())["figures"].get(rest)
    if kind == "monthly":
        carrier, month = rest.split(":")
        return monthly(folder, carrier, int(month))
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


def readable(text: str, kind: str) -> bool:
    """A number as people read it: no scientific notation, nan or inf; separators from 1,000
    (not years, not seeds); an automatic `number` keeps about three significant digits (never
    fewer than its whole part: 0.0122, not 0.01217)."""
    if text in (fmt.MISSING, "never"):
        return True
    if re.search(r"\d[eE][+-]?\d|nan|inf", text, re.IGNORECASE):
        return False
    digits = re.match(r"-?([\d,]*)(?:\.(\d+))?", text)
    assert digits is not None, text
    whole, decimals = digits.group(1), digits.group(2) or ""
    if kind not in ("year", "id") and len(whole.replace(",", "")) > 3 and "," not in whole:
        return False
    if kind == "number":
        significant = (whole.replace(",", "").lstrip("0") + decimals).lstrip("0")
        return len(significant) <= max(3, len(whole.replace(",", "")))
    return True


def check_numbers(folder: Path, page: str) -> set[str]:
    """Every number of `page` equals the saved value it names and is shown as `fmt_value`
    says; a missing one is '—' (or 'never') with a reason. Returns the kinds of sources."""
    numbers = NUMBER.findall(page)
    assert page.count('class="n"') == len(numbers)  # every number is checked below
    kinds = set()
    for src, value, scale, kind, why, text in numbers:
        src, kind, text = html.unescape(src), html.unescape(kind), html.unescape(text)
        kinds.add(src.split(":")[0])
        found = saved(folder, src)
        truth = float("nan") if found is None else float(found)
        assert float(value) == pytest.approx(truth, rel=1e-12, abs=1e-12) or (
            truth != truth and value == "nan"
        ), src
        assert text == fmt_value(truth, float(scale), kind), (src, text)
        assert readable(text, kind.partition(":")[0]), (src, text)
        if found is None and src.startswith("summary:"):
            assert why, f"{src} is missing and says not why"
    return kinds


def test_every_number_equals_the_saved_result(default_run: tuple[str, Path]) -> None:
    folder = default_run[1]
    page = (folder / "report.html").read_text(encoding="utf-8")
    assert page.count('class="n"') > 300
    kinds = check_numbers(folder, page)
    assert kinds >= {"summary", "meta", "verdict", "yaml", "csv", "monthly"}
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


def test_readable_rejects_what_the_report_used_to_show() -> None:
    """The check above would have caught the old report's numbers."""
    assert not readable("1.112e+08", "number") and not readable("0.01217", "number")
    assert not readable("2.02611e+07", "exact") and not readable("20261129", "whole")
    assert not readable("nan", "number") and not readable("12000", "exact")
    assert readable("0.0122", "number") and readable("111,245,375", "number")
    assert readable("2041", "year") and readable("111.2 M USD", "money")
    assert readable("99.99996 %", "share") and readable("21.75", "exact")


def test_missing_figures_show_a_dash_and_their_reason(
    default_run: tuple[str, Path], tmp_path: Path
) -> None:
    """A figure the plan leaves out (with a reason in metadata["not_served"]), one saved as
    null and one whose key is gone (renamed) render as '—' with a reason; nothing crashes."""
    folder = tmp_path / "copy"
    shutil.copytree(default_run[1], folder)
    doc = json.loads((folder / "summary.json").read_text())
    f = doc["figures"]
    del f["lcoe_usd_per_kwh_served"], f["capex_lifecycle_usd"], f["water_supplied_m3_yr"]
    f.pop("capex_full_town_usd", None)  # newer results hold it: the card would fall back on it
    f["renewable_share"] = None
    doc["metadata"]["not_served"] = {
        "lcoe_usd_per_kwh_served": "no electricity served",
        "renewable_share": "nothing served to share",
    }
    (folder / "summary.json").write_text(json.dumps(doc))
    path, _ = render_report(folder)
    page = path.read_text(encoding="utf-8")
    check_numbers(folder, page)
    cards = re.findall(r"<div class='card'>(.*?)</div>", page)
    by_label = {c.split("<b>")[0]: c for c in cards}
    for label, reason in (
        ("LCOE", "no electricity served"),
        ("renewable share", "nothing served to share"),
        ("capex, build-out", "not in summary.json"),
    ):
        card = by_label[label]
        assert f">{fmt.MISSING}</span>" in card and f"({reason})" in card, card
    assert 'data-src="summary:water_supplied_m3_yr"' in page
    assert "(not in summary.json)" in page


def test_warnings_are_listed_at_the_top(default_run: tuple[str, Path], tmp_path: Path) -> None:
    """The caveats the pipeline saved (metadata["warnings"]) are shown under the verdict, and
    the seed reads as typed (no separators)."""
    folder = tmp_path / "copy"
    shutil.copytree(default_run[1], folder)
    doc = json.loads((folder / "summary.json").read_text())
    doc["metadata"]["warnings"] = ["weather: a <test> caveat, 1,234 km away"]
    (folder / "summary.json").write_text(json.dumps(doc))
    page = render_report(folder)[0].read_text(encoding="utf-8")
    top = page[: page.index("<h2>")]
    assert "<li>weather: a &lt;test&gt; caveat, 1,234 km away</li>" in top
    assert f">{doc['metadata']['seed']}</span>" in page


def test_capex_card_among_the_key_numbers(default_run: tuple[str, Path]) -> None:
    folder = default_run[1]
    page = (folder / "report.html").read_text(encoding="utf-8")
    capex = json.loads((folder / "summary.json").read_text())["figures"]["capex_lifecycle_usd"]
    flows = pd.read_csv(folder / "money_flows.csv")["capex_usd"].sum()
    assert capex == pytest.approx(flows, rel=1e-9)
    card = re.search(r"<div class='card'>capex, build-out<b>(.*?)</b>", page)
    assert card is not None
    assert re.sub(r"<[^>]+>", "", card.group(1)) == fmt.money(flows)


def test_assumptions_fold_and_filter_in_chromium(
    default_run: tuple[str, Path], chromium_path: str
) -> None:
    """The assumptions are folded per section of the scenario file (short page), and the
    filter box shows exactly the settings whose row contains the text, opening their sections.
    """
    from playwright.sync_api import sync_playwright

    from cayo.report.assumptions import assumptions

    folder = default_run[1]
    every = assumptions((folder / "scenario.yaml").read_text(encoding="utf-8"))
    diesel = [a for a in every if "diesel" in f"{a.path} {a.text} {a.comment}".lower()]
    assert 0 < len(diesel) < len(every)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.goto((folder / "report.html").resolve().as_uri())
        box = page.locator("#assumptions")
        folded_height = box.evaluate("e => e.getBoundingClientRect().height")
        rows = "#assumptions tbody tr"
        visible = "els => els.filter(e => e.checkVisibility()).map(e => e.textContent)"
        assert page.locator(rows).evaluate_all(visible) == []  # all folded
        page.fill("#afilter", "DIESEL")
        shown = page.locator(rows).evaluate_all(visible)
        opened = page.locator("#assumptions details[open] summary").all_inner_texts()
        count = page.locator("#acount").inner_text()
        page.fill("#afilter", "")
        after = page.locator(rows).evaluate_all(visible)
        page_height = page.evaluate("document.body.scrollHeight")
        browser.close()
    assert folded_height < 1_200  # 231 settings unfolded took ~8,000 px
    assert len(shown) == len(diesel) and all("diesel" in t.lower() for t in shown)
    assert {o.split(" ")[0] for o in opened} == {a.path.split(".")[0] for a in diesel}
    assert count == f"{len(diesel)} of {len(every)} settings"
    assert after == []
    print(f"report page height {page_height} px")  # measured, never asserted
