"""The design as plain JSON-ready data (``design.json`` in a results folder): what the CLI
summary and the HTML report both read, so they cannot disagree."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import numpy as np
import pandas as pd

from cayo.design.loop import Design

CALM_AND_DESIGN = (  # (label, calm figure, design figure, unit)
    ("capex of the build-out", "capex_lifecycle_usd", "design_capex_lifecycle_usd", "USD"),
    ("net present cost", "npc_total_usd", "design_npc_total_usd", "USD"),
    ("cost of served electricity", "lcoe_lifecycle_usd_per_kwh_served",
     "design_lcoe_lifecycle_usd_per_kwh_served", "USD/kWh"),
    ("cost per resident", "annualised_cost_usd_per_resident_yr",
     "design_annualised_cost_usd_per_resident_yr", "USD/yr"),
)  # fmt: skip
UTILITIES = (("electricity", "unserved_kwh", "kWh"), ("water", "unserved_water_m3", "m³"),
             ("critical electricity", "unserved_critical_kwh", "kWh"))  # fmt: skip


def _records(df: pd.DataFrame, index: str) -> list[dict[str, Any]]:
    out = df.reset_index(names=index).replace({np.nan: None})
    return out.to_dict(orient="records")  # type: ignore[no-any-return]


def unserved_rows(calm: pd.DataFrame, design: pd.DataFrame | None) -> list[dict[str, Any]]:
    """Unserved service per utility, P50/P90/P99, calm plan and design (fresh seed)."""
    rows = []
    for name, metric, unit in UTILITIES:
        row: dict[str, Any] = {"utility": name, "unit": unit}
        for col in ("p50", "p90", "p99"):
            row[f"calm_{col}"] = float(calm.loc[metric, col]) if metric in calm.index else None
            row[f"design_{col}"] = (
                float(design.loc[metric, col])
                if design is not None and metric in design.index
                else None
            )
        rows.append(row)
    return rows


def design_doc(d: Design, figures: dict[str, float], calm_stress: pd.DataFrame) -> dict[str, Any]:
    """Everything people see of a design, in one document."""
    money = [
        {"what": label, "unit": unit, "calm": figures.get(calm), "design": figures.get(design)}
        for label, calm, design, unit in CALM_AND_DESIGN
    ]
    return {
        "passed": d.passed,
        "verified": d.verified,
        "fresh_seed": d.fresh_seed,
        "seconds": round(d.seconds, 3),
        "timings_s": d.timings,
        "sizes": d.sizes,
        "extra_usd_yr": d.extra_usd_yr,
        "extra_capex_usd": d.extra_capex_usd,
        "extra_npc_usd": figures.get("design_extra_npc_usd"),
        "levers": _records(d.levers, "key") if len(d.levers) else [],
        "criteria": _records(d.criteria, "criterion"),
        "money": money,
        "unserved": unserved_rows(calm_stress, d.stress.summary if d.stress else None),
        "evaluations": d.evaluations,
        "steps": [asdict(s) for s in d.steps],
        "floor": None
        if d.floor is None
        else {"largest": d.floor.largest,
              "blocked": [asdict(b) | {"sentence": b.sentence()} for b in d.floor.blocked]},
    }  # fmt: skip
