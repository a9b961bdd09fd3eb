"""Figures of a stress test, drawn from its saved tables (no re-running)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from cayo.fmt import number, share

REOPT, OPERATIONAL, CLASS12, WATER = "#2a9d8f", "#6a4c93", "#d62828", "#1d3557"
VIEWS = ("critical_load", "all_utilities")  # the two survival views; the rest are their parts
CURVES = (  # column, label, colour, style (`cayo.stress.run.SURVIVAL_VIEWS` says what each is)
    ("critical_load_with_gensets", "REopt-style critical load, with engines", REOPT, "-"),
    ("critical_load_storage_only", "REopt-style critical load, PV + battery", REOPT, "--"),
    ("all_utilities_with_gensets", "operational: electricity + water, with engines", OPERATIONAL,
     "-"),
    ("all_utilities_storage_only", "operational: electricity + water, PV + battery + tank",
     OPERATIONAL, "--"),
    ("electricity_with_gensets", "critical facilities + water plants, with engines", CLASS12,
     "-"),
    ("electricity_storage_only", "critical facilities + water plants, PV + battery", CLASS12,
     "--"),
    ("water_with_gensets", "water, with engines", WATER, "-"),
    ("water_storage_only", "water, PV + battery + tank", WATER, "--"),
)  # fmt: skip
DISTRIBUTIONS = (  # column, title, scale, unit
    ("unserved_kwh", "Unserved electricity", 1e-3, "MWh/yr"),
    ("unserved_water_m3", "Unserved water", 1.0, "m³/yr"),
    ("loss_of_load_h", "Loss of load", 1.0, "h/yr"),
    ("data_centre_availability_pct", "Data-centre availability", 1.0, "%"),
)


def _plt():  # type: ignore[no-untyped-def]
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def survival_figure(survival: pd.DataFrame, path: Path) -> Path:
    """PNG of the probability of surviving an outage of d hours [%] against d [h]."""
    plt = _plt()
    fig = survival_plot(survival)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def survival_plot(survival: pd.DataFrame):  # type: ignore[no-untyped-def]
    """The survival figure (matplotlib): shares survived [-] drawn in percent, the y axis
    spanning the curves (not 0-100 %) so that small differences stay visible."""
    plt = _plt()
    fig, ax = plt.subplots(figsize=(9, 4.5), layout="constrained")
    low = 100.0
    for col, label, colour, style in CURVES:
        if col in survival:
            pct = 100.0 * survival[col].to_numpy(dtype=float)
            view = col.startswith(VIEWS)  # the two views on top, their parts thin below
            ax.plot(
                survival["outage_h"], pct, style, color=colour, label=label,
                lw=2.4 if view else 1.0, alpha=1.0 if view else 0.7, zorder=3 if view else 2,
            )  # fmt: skip
            if np.isfinite(pct).any():
                low = min(low, float(np.nanmin(pct)))
    ax.set_xlabel("outage length [h] (island grid down, no ship)")
    ax.set_ylabel("start hours survived [%]")
    pad = max(0.5, 0.05 * (100.0 - low))
    ax.set_ylim(max(0.0, low - pad), 100.0 + pad / 2)
    ax.yaxis.set_major_formatter(lambda y, _pos: f"{number(y)} %")
    ax.set_xlim(0, float(survival["outage_h"].max()))
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    ax.set_title("Surviving an outage that starts at any hour of the year")
    return fig


def distribution_figure(years: pd.DataFrame, path: Path) -> Path:
    """PNG of the distribution over sampled years of four headline metrics, P50/P90/P99 marked."""
    plt = _plt()
    fig, axes = plt.subplots(2, 2, figsize=(10, 6.5), layout="constrained")
    for ax, (col, title, scale, unit) in zip(axes.ravel(), DISTRIBUTIONS, strict=True):
        x = years[col].to_numpy(dtype=float) * scale
        ax.hist(x, bins=60, color="#8d99ae")
        worse_low = col.endswith("_pct")
        shown = (lambda v: share(v / 100.0)) if worse_low else number  # nines of a percentage
        for q, style in ((0.5, "-"), (0.9, "--"), (0.99, ":")):
            v = np.quantile(x, 1 - q if worse_low else q)
            ax.axvline(v, color="#d62828", ls=style, lw=1, label=f"P{round(q * 100)} {shown(v)}")
        ax.set_title(title, fontsize=10)
        ax.set_xlabel(f"{title.lower()} in a sampled year [{unit}]", fontsize=8)
        if not worse_low:
            ax.xaxis.set_major_formatter(lambda v, _pos: number(v))
        ax.set_ylabel("sampled years")
        ax.legend(fontsize=7)
    fig.suptitle(f"{len(years):,} sampled years")
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
