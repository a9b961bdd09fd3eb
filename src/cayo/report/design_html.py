"""The report's design section: the same cells as the terminal (`cayo.report.design_tables`)
and the survival curves of the calm plan and the design side by side."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from cayo.report.design_tables import (
    TITLES,
    Cells,
    criteria_cells,
    floor_lines,
    headline,
    lever_cells,
    money_cells,
    unserved_cells,
)
from cayo.report.htmlparts import _plt, esc, figure, png, table

if TYPE_CHECKING:
    from cayo.report.html import Saved

VIEWS = (("electricity_with_gensets", "critical facilities and water plants"),
         ("critical_load_with_gensets", "REopt-style critical load"))  # fmt: skip


def _table(title: str, cells: Cells) -> str:
    head, rows = cells
    return f"<h3>{esc(title)}</h3>" + table(
        [esc(h) for h in head], [[esc(c) for c in r] for r in rows], right=set(range(1, len(head)))
    )


def survival_plot(calm: pd.DataFrame, design: pd.DataFrame) -> str:
    """Probability of riding through an outage by its length, calm plan and design."""
    plt = _plt()
    fig, axes = plt.subplots(1, len(VIEWS), figsize=(10, 3.6), sharey=True)
    for ax, (col, label) in zip(axes, VIEWS, strict=True):
        for df, name, style in ((calm, "calm plan", "--"), (design, "design", "-")):
            if col in df:
                ax.plot(df["outage_h"], 100 * df[col], style, label=name)
        ax.set_title(label, fontsize=10)
        ax.set_xlabel("outage length [h]")
        ax.grid(alpha=0.3)
    axes[0].set_ylabel("outages survived [%]")
    axes[0].legend()
    fig.tight_layout()
    return figure(png(fig), "Outage survival, calm-year plan (dashed) and the passing design "
                  "(solid): probability that an outage of that length, starting at any hour, "
                  "is ridden through.")  # fmt: skip


def design_section(s: Saved) -> str:
    """The design for failure: headline, cost of resilience, levers, criteria, unserved
    service, survival curves or the floor."""
    if not s.has("design.json"):
        return ""
    doc = s.json("design.json")
    out = ["<h2>Design for failure</h2>", f"<p>{esc(headline(doc))}</p>"]
    if doc["passed"]:
        out.append(_table(TITLES["money"], money_cells(doc)))
    out.append(_table(TITLES["levers"], lever_cells(doc)))
    out.append(_table(TITLES["criteria"], criteria_cells(doc)))
    if doc["passed"]:
        out.append(_table(TITLES["unserved"], unserved_cells(doc)))
    out += [f"<p>{esc(line)}</p>" for line in floor_lines(doc)]
    if s.has("design_survival.csv") and s.has("survival.csv"):
        out.append(survival_plot(s.csv("survival.csv", None), s.csv("design_survival.csv", None)))
    return "\n".join(out)
