"""Per-year results of the simulator, named with units, and their summary across sampled years."""

from __future__ import annotations

import numpy as np
import pandas as pd

from cayo.stress import kernel as k

# kernel column → (name with unit, worse when "high" or "low")
KERNEL_METRICS: dict[int, tuple[str, str]] = {
    k.M_UNSERVED_KWH: ("unserved_kwh", "high"),
    k.M_LOSS_OF_LOAD_H: ("loss_of_load_h", "high"),
    k.M_UNSERVED_CRITICAL_KWH: ("unserved_critical_kwh", "high"),
    k.M_UNSERVED_WATER_M3: ("unserved_water_m3", "high"),
    k.M_RATIONING_DAYS: ("water_rationing_days", "high"),
    k.M_UNTREATED_SEWAGE_M3: ("untreated_sewage_m3", "high"),
    k.M_UNSERVED_LPG_KG: ("unserved_lpg_kg", "high"),
    k.M_DC_UP_H: ("data_centre_up_h", "low"),
    k.M_DATA_SERVICE_H: ("data_service_up_h", "low"),
    k.M_MIN_FUEL_DAYS: ("min_fuel_autonomy_days", "low"),
    k.M_DIESEL_L: ("diesel_use_l", "high"),
    k.M_MISSED_COLLECTIONS: ("missed_waste_collection_days", "high"),
    k.M_START_FAILURES: ("genset_start_failures", "high"),
    k.M_RUN_FAILURES: ("genset_run_failures", "high"),
    k.M_SERVED_KWH: ("served_kwh", "low"),
    k.M_SERVED_WATER_M3: ("served_water_m3", "low"),
    k.M_GRID_KWH: ("grid_import_kwh", "high"),
    k.M_GENSET_KWH: ("genset_kwh", "high"),
    k.M_CURTAILED_KWH: ("curtailed_kwh", "high"),
    k.M_DIESEL_EMPTY_H: ("diesel_empty_h", "high"),
}
# Derived per-year figures: name → worse when
DERIVED = {
    "data_centre_availability_pct": "low",
    "data_service_availability_pct": "low",
}
# Uptime Institute tiers by the availability commonly quoted for them [%]
# (Tier I 99.671, II 99.741, III 99.982, IV 99.995).
TIERS = (("Tier IV", 99.995), ("Tier III", 99.982), ("Tier II", 99.741), ("Tier I", 99.671))
# The rows of the printed summary, in order.
HEADLINE = (
    "unserved_kwh",
    "loss_of_load_h",
    "unserved_critical_kwh",
    "unserved_water_m3",
    "water_rationing_days",
    "untreated_sewage_m3",
    "unserved_lpg_kg",
    "data_centre_availability_pct",
    "data_service_availability_pct",
    "min_fuel_autonomy_days",
    "missed_waste_collection_days",
)


def year_table(raw: np.ndarray, hours: int, counts: dict[str, np.ndarray]) -> pd.DataFrame:
    """Per-year results [years × metrics] with names and units, plus what the samplers drew."""
    df = pd.DataFrame({name: raw[:, col] for col, (name, _) in KERNEL_METRICS.items()})
    df["data_centre_availability_pct"] = 100.0 * df["data_centre_up_h"] / hours
    df["data_service_availability_pct"] = 100.0 * df["data_service_up_h"] / hours
    for name, values in counts.items():
        df[name] = values
    return df


def worse(name: str) -> str:
    """'high' or 'low': which way a metric gets worse (counts of drawn events: 'high')."""
    for col_name, direction in KERNEL_METRICS.values():
        if col_name == name:
            return direction
    return DERIVED.get(name, "high")


def summarise(years: pd.DataFrame) -> pd.DataFrame:
    """Mean with its 95 % confidence interval (normal approximation) and P50/P90/P99 of every
    column: Pxx is the value that xx % of the sampled years do no worse than (the 90th
    percentile of unserved energy; the 10th percentile of an availability).

    >>> s = summarise(pd.DataFrame({"unserved_kwh": [0.0, 10.0, 20.0, 30.0]}))
    >>> s.loc["unserved_kwh", ["mean", "p50"]].tolist()
    [15.0, 15.0]
    """
    n = len(years)
    rows = {}
    for name in years.columns:
        x = years[name].to_numpy(dtype=float)
        mean = float(x.mean())
        half = 1.96 * float(x.std(ddof=1)) / np.sqrt(n) if n > 1 else float("nan")
        q = (0.5, 0.9, 0.99) if worse(name) == "high" else (0.5, 0.1, 0.01)
        p = np.quantile(x, q)
        rows[name] = {
            "mean": mean,
            "ci95_low": mean - half,
            "ci95_high": mean + half,
            "p50": float(p[0]),
            "p90": float(p[1]),
            "p99": float(p[2]),
            "worse_when": worse(name),
        }
    return pd.DataFrame.from_dict(rows, orient="index")


def ci_half_width_share(x: np.ndarray) -> float:
    """Half-width of the 95 % confidence interval of the mean, as a share of the mean [-]; 0 when
    every value is 0 (nothing to estimate).

    >>> ci_half_width_share(np.array([1.0, 3.0]))  # mean 2, sd 1.414, n 2: 1.96·1/2
    0.98
    """
    mean = float(np.mean(x))
    if mean == 0.0:
        return 0.0 if np.all(x == 0) else float("inf")
    if len(x) < 2:
        return float("inf")
    return round(1.96 * float(np.std(x, ddof=1)) / float(np.sqrt(len(x))) / abs(mean), 12)


def uptime_tier(availability_pct: float) -> str:
    """The highest Uptime tier whose commonly quoted availability is met.

    >>> uptime_tier(99.99), uptime_tier(99.5)
    ('Tier III', 'below Tier I')
    """
    for name, bound in TIERS:
        if availability_pct >= bound:
            return name
    return "below Tier I"


def quantile_interval(x: np.ndarray, q: float, level: float = 0.95) -> tuple[float, float]:
    """Distribution-free `level` confidence interval of the `q` quantile of the population
    `x` was drawn from: the order statistics n·q ∓ z·√(n·q·(1 − q)) (normal approximation of
    the binomial count of draws below the quantile), clipped to the sample.

    >>> lo, hi = quantile_interval(np.arange(1000.0), 0.9)
    >>> float(lo), float(hi)
    (880.0, 918.0)
    """
    z = {0.95: 1.959963984540054, 0.9: 1.6448536269514722}[level]
    s = np.sort(np.asarray(x, dtype=float))
    n = len(s)
    half = z * np.sqrt(n * q * (1 - q))
    lo = int(np.clip(np.floor(n * q - half) - 1, 0, n - 1))
    hi = int(np.clip(np.ceil(n * q + half) - 1, 0, n - 1))
    return float(s[lo]), float(s[hi])


TIER_RANK = {name: len(TIERS) - i for i, (name, _) in enumerate(TIERS)} | {"below Tier I": 0}
"""Rank of each Uptime tier (Tier IV = 4 ... below Tier I = 0), to compare tiers as numbers."""
