"""Figures of a plan, drawn from the saved hourly table (no re-solving)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from cayo.fmt import number

SOURCES = (  # column, label, colour
    ("pv_direct_kw", "PV (direct)", "#f2b705"),
    ("battery_discharge_kw", "battery discharge", "#2a9d8f"),
    ("grid_import_kw", "island grid", "#8d99ae"),
    ("genset_kw", "gensets", "#d62828"),
    ("unserved_kw", "unserved", "#000000"),
)


def pick_weeks(hourly: pd.DataFrame) -> dict[str, int]:
    """Start hour of the hardest week (most genset + grid + unserved energy) and of the week
    closest to the year's median of that quantity.

    >>> h = pd.DataFrame({"genset_kw": np.r_[np.zeros(168 * 10), np.ones(168), np.zeros(168 * 41)],
    ...                   "grid_import_kw": 0.0, "unserved_kw": 0.0})
    >>> pick_weeks(h)["hardest"]
    1680
    """
    stress = (hourly["genset_kw"] + hourly["grid_import_kw"] + hourly["unserved_kw"]).to_numpy()
    weeks = stress[: 52 * 168].reshape(52, 168).sum(axis=1)
    median = int(np.argmin(np.abs(weeks - np.median(weeks))))
    return {"hardest": int(np.argmax(weeks)) * 168, "typical": median * 168}


def dispatch_figure(hourly: pd.DataFrame, path: Path) -> Path:
    """PNG of hourly dispatch [MW] in the hardest and a typical week (saved series in kW)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    h = hourly.copy()
    h["pv_direct_kw"] = np.maximum(h["pv_kw"] - h["battery_charge_kw"], 0.0)
    weeks = pick_weeks(h)
    mw = 1e-3
    fig, axes = plt.subplots(2, 1, figsize=(11, 7.8), sharey=True)
    for ax, (name, start) in zip(axes, weeks.items(), strict=True):
        w = h.iloc[start : start + 168]
        x = np.arange(len(w))
        ax.stackplot(
            x,
            *[w[c] * mw for c, _, _ in SOURCES],
            labels=[lbl for _, lbl, _ in SOURCES],
            colors=[col for _, _, col in SOURCES],
            alpha=0.85,
        )
        ax.fill_between(
            x, 0, -w["battery_charge_kw"] * mw, color="#2a9d8f", alpha=0.35, label="battery charge"
        )
        ax.plot(x, w["load_kw"] * mw, color="black", lw=1.2, label="load")
        ax.plot(
            x, w["pv_available_kw"] * mw, color="#f2b705", lw=0.9, ls="--", label="PV available"
        )
        ax.set_title(f"{name.capitalize()} week, from {w.index[0]:%d %b %Y} (local standard time)")
        ax.set_ylabel("power [MW] (charging below 0)")
        days = [w.index[0] + pd.Timedelta(days=d) for d in range(8)]
        ax.set_xticks(range(0, 169, 24), [f"{d:%a %d %b}" for d in days])
        ax.axhline(0, color="#555", lw=0.6)
        ax.grid(alpha=0.3)
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="upper center", ncol=8, fontsize=8, frameon=False)
    axes[1].set_xlabel("day (ticks at midnight)")
    fig.tight_layout(rect=(0, 0, 1, 0.96))
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def supply_year_figure(hourly: pd.DataFrame, path: Path) -> Path:
    """PNG of the year: daily water by source [m³/day] and tank level, diesel and LPG stocks."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    daily = hourly.resample("D").sum()
    fig, axes = plt.subplots(4, 1, figsize=(11, 11), sharex=True)
    ax = axes[0]
    ax.stackplot(
        daily.index,
        daily["wells_m3_h"],
        daily["ro_m3_h"],
        daily["unserved_water_m3_h"],
        labels=["wells", "desalination", "not delivered"],
        colors=["#457b9d", "#a8dadc", "#000000"],
        alpha=0.9,
    )
    ax.plot(daily.index, daily["water_demand_m3_h"], color="black", lw=0.8, label="demand")
    ax.set_ylabel("water [m³/day]")
    ax.yaxis.set_major_formatter(lambda v, _pos: number(v))
    ax.set_ylim(bottom=0)
    ax.set_title("Water by source (daily)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    level = hourly["water_level_m3"].resample("D")
    axes[1].fill_between(
        daily.index, level.min(), level.max(), color="#e76f51", alpha=0.25, lw=0, label="range"
    )
    axes[1].plot(daily.index, level.mean(), color="#9d0208", lw=0.9, label="mean")
    axes[1].legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    axes[1].set_title("Water tank level: daily range and mean [m³]")
    axes[1].set_ylabel("level [m³]")
    axes[1].set_ylim(bottom=0)
    axes[1].grid(alpha=0.3)
    for ax, col, ship, unit, title in (
        (axes[2], "diesel_stock_l", "diesel_delivery_l", 1e3, "Diesel stock [m³] and ships"),
        (axes[3], "lpg_stock_kg", "lpg_delivery_kg", 1e3, "LPG stock [t] and ships"),
    ):
        ax.plot(hourly.index, hourly[col] / unit, color="#6d597a", lw=0.8)
        ships = hourly.index[hourly[ship] > 1e-3]
        ax.vlines(
            ships,
            0,
            hourly[col].max() / unit if len(hourly) else 1,
            color="#b56576",
            lw=0.6,
            alpha=0.6,
        )
        ax.set_title(title)
        ax.set_ylim(bottom=0)
        ax.grid(alpha=0.3)
    axes[2].set_ylabel("stock [m³]")
    axes[3].set_ylabel("stock [t]")
    axes[0].grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path
