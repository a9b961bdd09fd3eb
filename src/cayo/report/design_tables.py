"""The design for people: cost of resilience (calm plan beside the passing design), unserved
service per utility, the levers chosen and why, the criteria on a fresh seed, or the floor that
blocks every design. Every cell is made here, from `cayo.design.doc.design_doc`, and both the
terminal (`design_panel`) and the HTML report (`cayo.report.design_html`) print these cells,
so the two views cannot disagree."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.markup import escape
from rich.table import Table

from cayo.fmt import ident, money, number, quantity, share
from cayo.verdict.criteria import show

Cells = tuple[list[str], list[list[str]]]  # (header, rows)


def value(x: Any, unit: str) -> str:
    """A money or plain figure in its unit, for people.

    >>> value(1_234_567.0, "USD"), value(0.1949, "USD/kWh"), value(655.2, "USD/yr")
    ('1.23 M USD', '0.195 USD/kWh', '655 USD/yr')
    """
    if unit == "USD/kWh":
        return quantity(x, unit)
    return money(x, unit)


def headline(doc: dict[str, Any]) -> str:
    """One sentence: passed and checked, passed but not on a fresh seed, or blocked."""
    if not doc["passed"]:
        return "No design passes the stress test; the closest one found is below."
    if not doc["verified"]:
        return "A design passes on the years it was tuned on but NOT on a fresh seed."
    return (f"A design passes every stress criterion, checked on the fresh seed "
            f"{ident(doc['fresh_seed'])}: {money(doc['extra_usd_yr'], 'USD/yr')} more than "
            f"the calm-year plan.")  # fmt: skip


def money_cells(doc: dict[str, Any]) -> Cells:
    """Calm plan and design side by side: capex, NPC, cost per kWh, cost per resident (the
    rows the run has: `cayo design` runs no money stage, so it shows what the design adds)."""
    rows = [["extra capex", "", "", money(doc["extra_capex_usd"])],
            ["extra cost a year", "", "", money(doc["extra_usd_yr"], "USD/yr")]]  # fmt: skip
    for row in doc["money"]:
        calm, des = row["calm"], row["design"]
        if calm is None and des is None:
            continue
        diff = None if calm is None or des is None else des - calm
        rows.append([row["what"], value(calm, row["unit"]), value(des, row["unit"]),
                     value(diff, row["unit"])])  # fmt: skip
    return ["", "calm plan", "design", "difference"], rows


def unserved_cells(doc: dict[str, Any]) -> Cells:
    """Unserved service per utility in the P50/P90/P99 years, calm plan → design."""
    rows = [[row["utility"]] + [
        f"{number(row[f'calm_{c}'], 0)} → {number(row[f'design_{c}'], 0)} {row['unit']}"
        for c in ("p50", "p90", "p99")] for row in doc["unserved"]]  # fmt: skip
    return ["utility", "P50", "P90", "P99"], rows


def _size(x: Any, unit: str) -> str:
    return share(x, 0) if unit == "share" else quantity(x, unit)


def _criterion(name: str, v: Any) -> str:
    kind = "tier" if name == "data-centre tier" else "max"
    return show(v, "tier" if kind == "tier" else "-", kind)


def lever_cells(doc: dict[str, Any]) -> Cells:
    """The levers the design moved, what they cost, and the criteria that fail without each
    one (its value in the P90 year with that lever back at the calm plan's size)."""
    limits = {row["criterion"]: row["threshold"] for row in doc["criteria"]}
    rows = []
    for row in doc["levers"]:
        fails = []
        for key, v in row.items():
            name = key.removeprefix("without_")
            if not key.startswith("without_") or v is None or name not in limits:
                continue
            bad = v < limits[name] if name == "data-centre tier" else v > limits[name] * (1 + 1e-9)
            if bad:
                fails.append(f"{name} {_criterion(name, v)}")
        unit = row["unit"]
        rows.append([row["lever"], _size(row["calm"], unit), _size(row["design"], unit),
                     money(row["capex_usd"]), money(row["annual_usd_yr"], "USD/yr"),
                     ", ".join(fails) or "—"])  # fmt: skip
    return ["lever", "calm plan", "design", "capex", "a year", "fails without it"], rows


def criteria_cells(doc: dict[str, Any]) -> Cells:
    """The stress criteria: calm plan, design years, fresh seed with its 95 % interval."""
    rows = []
    for row in doc["criteria"]:
        name = row["criterion"]
        fresh = "—"
        if row["fresh"] is not None:
            fresh = (f"{_criterion(name, row['fresh'])} [{_criterion(name, row['fresh_ci95_low'])}"
                     f" – {_criterion(name, row['fresh_ci95_high'])}]")  # fmt: skip
        ok = row["fresh_passed"]
        rows.append([name, _criterion(name, row["threshold"]), _criterion(name, row["calm"]),
                     _criterion(name, row["design"]), fresh,
                     "" if ok is None else ("PASS" if ok else "FAIL")])  # fmt: skip
    return ["criterion", "threshold", "calm plan", "design years (95 % bound)",
            "fresh seed [95 % interval]", ""], rows  # fmt: skip


def floor_lines(doc: dict[str, Any]) -> list[str]:
    """What blocks every design, one sentence per criterion."""
    return [b["sentence"] for b in (doc.get("floor") or {}).get("blocked", [])]


TITLES = {
    "money": "Cost of resilience: the calm-year plan and the passing design",
    "levers": "Levers built, and what fails without each one (P90 year, the rest kept)",
    "criteria": "Stress criteria, P90 year",
    "unserved": "Unserved a year (calm plan → design, the design on a fresh seed)",
}


def _rich(title: str, cells: Cells) -> Table:
    head, rows = cells
    t = Table(title=title, title_justify="left", box=None, pad_edge=False)
    for i, name in enumerate(head):
        t.add_column(name, justify="left" if i == 0 or name.startswith("fails") else "right")
    for r in rows:
        t.add_row(*(escape(c) for c in r))
    return t


def design_panel(doc: dict[str, Any]) -> Group:
    """The whole design section for the terminal."""
    colour = "green" if doc["passed"] and doc["verified"] else "red"
    parts: list[Any] = [f"[bold {colour}]Design for failure[/]: {escape(headline(doc))}"]
    if doc["passed"]:
        parts += [_rich(TITLES["money"], money_cells(doc)), ""]
    parts += [_rich(TITLES["levers"], lever_cells(doc)), "",
              _rich(TITLES["criteria"], criteria_cells(doc))]  # fmt: skip
    if doc["passed"]:
        parts += ["", _rich(TITLES["unserved"], unserved_cells(doc))]
    parts += [f"• {escape(line)}" for line in floor_lines(doc)]
    return Group(*parts)
