"""The sweep report's numbers on outputs known in closed form: tornado swings of a linear model,
Sobol indices of y = 2a + b (S1 = 0.8 and 0.2 analytically), pass shares; the page holds each
section and the terminal shows the same cells as the page."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from rich.console import Console

from cayo.scenario.io import load_scenario
from cayo.sweep.report import pass_shares, render, share_cells, sobol_indices, tornado
from cayo.sweep.samples import make_samples
from cayo.sweep.show import sweep_table
from cayo.sweep.vary import Vary

A, B = "finance.discount_rate", "technologies.genset.fuel_price_usd_per_l"


@pytest.fixture(scope="module")
def loaded():  # type: ignore[no-untyped-def]
    return load_scenario()


def rows_of(samples, y) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    t = samples.table.reset_index()
    t["status"], t["error"], t["npc_total_usd"] = "ok", "", y(t[A], t[B])
    t["margin.budget"] = 1e8 - t["npc_total_usd"]
    t["pass.budget"] = t["margin.budget"] >= 0
    return t


def test_sobol_indices_of_a_linear_model(loaded) -> None:  # type: ignore[no-untyped-def]
    varies = (Vary(A, 0.0, 1.0), Vary(B, 0.0, 1.0))
    sm = make_samples(varies, loaded.scenario, "sobol", samples=1024, seed=1)
    rows = rows_of(sm, lambda a, b: 2 * a + b)
    s = sobol_indices(rows, sm, "npc_total_usd")
    assert s is not None
    assert s.loc[A, "S1"] == pytest.approx(0.8, abs=0.05)
    assert s.loc[B, "S1"] == pytest.approx(0.2, abs=0.05)
    assert s.loc[A, "ST"] == pytest.approx(0.8, abs=0.05)
    rows.loc[3, "npc_total_usd"] = np.nan  # a failed variant: no indices rather than wrong ones
    assert sobol_indices(rows, sm, "npc_total_usd") is None


def test_tornado_order_and_values_by_hand(loaded) -> None:  # type: ignore[no-untyped-def]
    varies = (Vary(A, 0.02, 0.12, 3), Vary(B, 0.5, 2.5, 5))
    sm = make_samples(varies, loaded.scenario, "tornado")
    rows = rows_of(sm, lambda a, b: 1e9 * a - 2e8 * b)
    t = tornado(rows, sm, "npc_total_usd")
    a0, b0 = sm.base[A], sm.base[B]
    assert list(t.index) == [B, A]  # swings 4e8 and 1e8
    assert t.loc[B, "swing"] == pytest.approx(-2e8 * 2.0)
    assert t.loc[A, "low"] == pytest.approx(1e9 * 0.02 - 2e8 * b0)
    assert t.loc[A, "high"] == pytest.approx(1e9 * 0.12 - 2e8 * b0)
    assert t.loc[A, "base"] == pytest.approx(1e9 * a0 - 2e8 * b0)


def test_pass_shares_and_the_terminal_shows_the_pages_cells(loaded) -> None:  # type: ignore[no-untyped-def]
    varies = (Vary(A, 0.02, 0.12, 5), Vary(B, 0.5, 2.5, 4))
    sm = make_samples(varies, loaded.scenario, "grid")
    rows = rows_of(sm, lambda a, b: 1e9 * a + 1e7 * b)
    rows.loc[0, "status"] = "failed"  # not judged
    shares = pass_shares(rows)
    ok = rows[rows["status"] == "ok"]
    assert shares.loc["budget", "judged"] == 19
    assert shares.loc["budget", "pass_share"] == pytest.approx((ok["margin.budget"] >= 0).mean())
    cells = share_cells(rows)
    assert cells[0][0] == "budget" and cells[0][3].endswith("USD")
    console = Console(width=200, record=True)
    console.print(sweep_table(rows))
    text = console.export_text()
    for cell in cells[0]:
        assert cell in text
    page = render(rows, sm, "plan", loaded)
    for cell in cells[0]:
        assert f">{cell}<" in page


def test_the_page_holds_each_section_of_its_method(loaded) -> None:  # type: ignore[no-untyped-def]
    varies = (Vary(A, 0.02, 0.12, 3), Vary(B, 0.5, 2.5, 3))
    tor = make_samples(varies, loaded.scenario, "tornado")
    page = render(rows_of(tor, lambda a, b: 1e9 * a + 1e7 * b), tor, "plan", loaded)
    for head in ("Which criteria hold", "Tornado", "Spider", "Inputs against outputs",
                 "Every variant", "runs.parquet"):  # fmt: skip
        assert head in page
    assert page.count("data:image/png;base64") == 3
    sob = make_samples(varies, loaded.scenario, "sobol", samples=8)
    rows = rows_of(sob, lambda a, b: 1e9 * a + 1e7 * b)
    rows.loc[2, ["status", "error"]] = ["failed", "HiGHS: time limit <reached>"]
    page = render(rows, sob, "plan", loaded)
    assert "Global sensitivity (Sobol indices)" in page and "Failed variants" in page
    assert "time limit &lt;reached&gt;" in page  # escaped
