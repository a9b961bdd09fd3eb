"""Distribution tests of the failure samplers (`cayo.stress.samplers`).

Each test draws many years from a fixed seed and checks the numbers against what the sampler's
model gives analytically, within 4 standard errors of the sampling error (a chance of about
6e-5 per check of failing for a correct sampler; with a fixed seed it either always passes or
always fails). A wrong rate, share, spread or placement moves a statistic by many standard
errors, so these tests would catch it.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from cayo.scenario.io import load_scenario
from cayo.scenario.schema import Stress
from cayo.stress import samplers
from cayo.stress.kernel import (
    GRID_OFF,
    LINES_DOWN,
    LINK_DOWN,
    PORT_CLOSED,
    PV_LOSS,
    RO_DOWN,
    SHIP_DIESEL,
    SHIP_LPG,
)

T = 8760
K = 4.0  # standard errors allowed
# 99.99th percentiles of chi-square [-] by degrees of freedom (scipy.stats.chi2.ppf(1 - 1e-4, df))
CHI2_9999 = {5: 25.74, 8: 31.83, 11: 37.37}
DIESEL_H = np.arange(12) * 730 + 100  # a ship on about the 5th of every month [h]
LPG_H = np.arange(6) * 1460 + 200  # every two months [h]


@pytest.fixture(scope="module")
def stress() -> Stress:
    """The default scenario's stress section."""
    return load_scenario().scenario.stress


@pytest.fixture(scope="module")
def cut_window() -> tuple[int, int]:
    """(start hour, hours) of the default island grid's nightly cut window (21 h, 7 h)."""
    g = load_scenario().scenario.technologies.island_grid
    return g.cut_window_start_h, g.cut_window_hours


def assert_near(x: float, expected: float, se: float, what: str = "") -> None:
    """`x` lies within K standard errors `se` of `expected`."""
    assert abs(x - expected) <= K * se, (
        f"{what}: {x:.6g} vs {expected:.6g}, {abs(x - expected) / se:.1f} standard errors"
    )


def phi(z: float) -> float:
    """Standard normal CDF."""
    return 0.5 * (1.0 + math.erf(z / math.sqrt(2.0)))


def chi2_uniform(values: np.ndarray, bins: int, lo: float, hi: float) -> float:
    """Pearson chi-square of `values` against equal-probability bins on [lo, hi)."""
    counts = np.histogram(values, bins=bins, range=(lo, hi))[0]
    e = len(values) / bins
    return float(((counts - e) ** 2 / e).sum())


def ceil_geometric_mean(mean_h: float) -> float:
    """Mean of ceil(X) for X ~ exponential with mean `mean_h`: ceil(X) is geometric with
    success chance 1 − exp(−1/mean_h), so its mean is 1/(1 − exp(−1/mean_h)) ≈ mean_h + 0.5."""
    return 1.0 / (1.0 - math.exp(-1.0 / mean_h))


def ceil_geometric_sd(mean_h: float) -> float:
    """Standard deviation of ceil(X), X ~ exponential(mean_h): sqrt(1 − p)/p."""
    p = 1.0 - math.exp(-1.0 / mean_h)
    return math.sqrt(1.0 - p) / p


def log_ceil_lognormal_moments(median_h: float, sigma: float) -> tuple[float, float]:
    """(mean, std) of log(max(ceil(median·exp(σZ)), 1)), Z standard normal, by quadrature."""
    z = np.linspace(-9.0, 9.0, 400_001)
    w = np.exp(-0.5 * z**2)
    w /= w.sum()
    g = np.log(np.maximum(np.ceil(median_h * np.exp(sigma * z)), 1.0))
    m = float((w * g).sum())
    return m, math.sqrt(float((w * (g - m) ** 2).sum()))


def links(option: tuple[str, ...], availability: tuple[float, ...] | float) -> samplers.LinkUnits:
    """Link units of these options, each with this availability, 10 Gbit/s."""
    n = len(option)
    return samplers.LinkUnits(
        capacity_gbps=np.full(n, 10.0),
        availability=np.broadcast_to(np.asarray(availability, dtype=float), (n,)).copy(),
        option=option,
    )


SMALL_LINKS = links(("submarine_fibre", "submarine_fibre", "satellite"), (0.999, 0.999, 0.99))


# --- collapses ------------------------------------------------------------------------------


def test_collapses_are_poisson_in_count_lognormal_in_length_uniform_in_time():
    years, rate, median, sigma = 20_000, 5.0, 44.0, 0.78
    y, start, hours, counts = samplers.collapses(
        np.random.default_rng(11), years, T, rate, median, sigma
    )
    n = len(y)
    assert counts.shape == (years,) and counts.sum() == n
    assert np.array_equal(np.bincount(y, minlength=years), counts)

    # Count per year: Poisson(rate): mean = variance = rate. Var(mean) = rate/years; the sample
    # variance of a Poisson has variance (rate + 2·rate²)/years (fourth central moment).
    assert_near(counts.mean(), rate, math.sqrt(rate / years), "mean collapses per year")
    assert_near(
        counts.var(ddof=1), rate, math.sqrt((rate + 2 * rate**2) / years), "variance of count"
    )

    # Lengths: whole hours, ≥ 1. ceil keeps integer quantiles: P(ceil(X) ≤ k) = P(X ≤ k) =
    # Φ(ln(k/median)/σ) for integer k, so the empirical CDF is checked exactly.
    assert hours.dtype.kind == "i" and hours.min() >= 1
    for k in (5, 15, 30, 44, 70, 150, 400):
        p = phi(math.log(k / median) / sigma)
        assert_near((hours <= k).mean(), p, math.sqrt(p * (1 - p) / n), f"P(hours <= {k})")
    # the median is 44 h: half the draws at most 44 h
    assert_near((hours <= median).mean(), 0.5, math.sqrt(0.25 / n), "share at most the median")
    # Spread of log(hours) ≈ σ, against the exact moments of the rounded-up log-normal; the
    # sample std of a near-normal has standard error ≈ σ/√(2n), its mean σ/√n.
    m_log, sd_log = log_ceil_lognormal_moments(median, sigma)
    # rounding up narrows the spread by about 1.5 % at a 44 h median: more than the sampling
    # error of 100,000 draws, so the check is against the rounded distribution
    assert 0 < sigma - sd_log < 0.02
    log_h = np.log(hours)
    assert_near(log_h.mean(), m_log, sigma / math.sqrt(n), "mean log hours")
    assert_near(log_h.std(ddof=1), sd_log, sigma / math.sqrt(2 * n), "std of log hours")

    # Starts: whole hours uniform on [0, T): mean (T − 1)/2, sd ≈ T/√12; 12 equal bins.
    assert start.min() >= 0 and start.max() < T
    assert_near(start.mean(), (T - 1) / 2, T / math.sqrt(12 * n), "mean start")
    assert chi2_uniform(start, 12, 0, T) < CHI2_9999[11]


def test_collapses_at_zero_rate_draw_nothing():
    y, start, hours, counts = samplers.collapses(np.random.default_rng(1), 100, T, 0.0, 12, 0.8)
    assert len(y) == len(start) == len(hours) == 0 and not counts.any()


# --- hurricanes -----------------------------------------------------------------------------


def test_hurricane_starts_follow_rate_season_and_intense_share(stress: Stress):
    h = stress.hurricanes
    years = 100_000
    y, start, intense, counts = samplers.hurricane_starts(np.random.default_rng(22), years, h)
    n = len(y)
    assert counts.sum() == n and np.array_equal(np.bincount(y, minlength=years), counts)

    # 62 hurricanes affected Isla de la Juventud in 1791-2017 (bohemia.cu, 2018): 62/227 =
    # 0.273/yr, so P(at least one in a year) = 1 − exp(−0.273) ≈ 0.239, within the published
    # 0.21-0.24.
    assert h.per_yr == pytest.approx(62 / 227, abs=5e-4)
    p_any = 1 - math.exp(-h.per_yr)
    assert 0.21 <= p_any <= 0.24
    assert_near(
        (counts > 0).mean(), p_any, math.sqrt(p_any * (1 - p_any) / years), "years with any"
    )
    assert_near(counts.mean(), h.per_yr, math.sqrt(h.per_yr / years), "hurricanes per year")

    # Months: Cuba-wide Aug 15.7 %, Sep 31.4 %, Oct 35.5 % (INSMET, rcm.insmet.cu); Jun, Jul,
    # Nov share the rest. Nothing outside June-November.
    assert (h.month_shares[8], h.month_shares[9], h.month_shares[10]) == (0.157, 0.314, 0.355)
    assert start.min() >= 0 and start.max() < T
    month = np.searchsorted(samplers.MONTH_START_H, start, side="right")  # 1-12
    assert month.min() >= 6 and month.max() <= 11
    total = sum(h.month_shares.values())
    for m in range(1, 13):
        p = h.month_shares.get(m, 0.0) / total
        got = (month == m).mean()
        if p == 0:
            assert got == 0, f"month {m}"
        else:
            assert_near(got, p, math.sqrt(p * (1 - p) / n), f"share of month {m}")

    # Uniform within the month: position in the month as a share of its hours, mean ≈ 1/2
    # (whole hours: mean (hours − 1)/2 / hours, within 1e-3 of 1/2), 6 equal bins.
    month_h = samplers.MONTH_DAYS[month - 1] * 24
    frac = (start - samplers.MONTH_START_H[month - 1]) / month_h
    assert frac.min() >= 0 and frac.max() < 1
    assert_near(frac.mean(), 0.5 - 0.5 / 720, 1 / math.sqrt(12 * n), "place in the month")
    assert chi2_uniform(frac, 6, 0, 1) < CHI2_9999[5]

    # 11 intense of the 62 (bohemia.cu): 0.177.
    assert_near(
        intense.mean(),
        h.intense_share,
        math.sqrt(h.intense_share * (1 - h.intense_share) / n),
        "intense share",
    )


# --- rotating cuts --------------------------------------------------------------------------


def test_rotating_cuts_share_lengths_and_window(stress: Stress, cut_window: tuple[int, int]):
    g = stress.island_grid
    w0, wh = cut_window
    assert (w0, wh) == (21, 7)
    years = 2_000
    cut_start, cut_len = samplers.rotating_cuts(np.random.default_rng(33), years, T, g, w0, wh)
    days = T // 24
    assert cut_start.shape == cut_len.shape == (years, days)
    assert cut_start.dtype == cut_len.dtype == np.uint8

    on = cut_len > 0
    n_days = years * days
    p = g.cut_day_share
    assert_near(on.mean(), p, math.sqrt(p * (1 - p) / n_days), "share of days with a cut")

    # Lengths: uniform whole hours on [min, max]: mean (min+max)/2, variance (k² − 1)/12.
    lo, hi = g.cut_min_hours, g.cut_max_hours
    hours = cut_len[on].astype(np.int64)
    k = hi - lo + 1
    n = len(hours)
    assert hours.min() >= lo and hours.max() <= hi
    assert set(np.unique(hours)) == set(range(lo, hi + 1))
    assert_near(hours.mean(), (lo + hi) / 2, math.sqrt((k**2 - 1) / 12 / n), "mean cut length")
    for v in range(lo, hi + 1):
        assert_near((hours == v).mean(), 1 / k, math.sqrt((1 / k) * (1 - 1 / k) / n), f"{v} h")

    # Placement: a cut that fits starts inside the window and ends by its end, uniform over
    # the (window − hours + 1) possible starts; a longer one starts at the window's start.
    start = cut_start[on].astype(np.int64)
    fits = hours <= wh
    assert (start[~fits] == w0).all() and (~fits).any()
    assert (start[fits] >= w0).all() and (start[fits] < w0 + wh).all()
    assert (start[fits] + hours[fits] <= w0 + wh).all()
    for v in range(lo, min(hi, wh) + 1):
        s = start[hours == v] - w0
        slots = wh - v + 1
        assert set(np.unique(s)) == set(range(slots)), f"{v} h cuts"
        if slots > 1:
            c = np.bincount(s, minlength=slots)
            e = len(s) / slots
            df = slots - 1
            # chi-square with df degrees of freedom: mean df, sd √(2·df)
            assert ((c - e) ** 2 / e).sum() < df + 8 * math.sqrt(2 * df), f"{v} h cuts"


def test_rotating_cuts_every_day_or_never(stress: Stress):
    g = stress.island_grid
    rng = np.random.default_rng(34)
    always = g.model_copy(update={"cut_day_share": 1.0})
    assert (samplers.rotating_cuts(rng, 10, T, always, 21, 7)[1] > 0).all()
    never = g.model_copy(update={"cut_day_share": 0.0})
    assert not samplers.rotating_cuts(rng, 10, T, never, 21, 7)[1].any()


# --- link failures --------------------------------------------------------------------------


def test_link_failures_down_share_is_one_minus_availability():
    a, repair, years = 0.99, 72.0, 20_000
    unit = links(("microwave",), a)
    y, kind, start, length, value = samplers.link_failures(
        np.random.default_rng(44), years, T, unit, repair
    )
    n = len(y)
    assert (kind == LINK_DOWN).all() and (value == 0.0).all()
    assert start.min() >= 0 and start.max() < T and length.min() >= 1

    # Failures per year: Poisson at (1 − A)/(A·R) per hour.
    rate_yr = (1 - a) / (a * repair) * T
    assert_near(n / years, rate_yr, math.sqrt(rate_yr / years), "failures per year")

    # Repairs: ceil(exponential(R)), mean 1/(1 − e^(−1/R)) ≈ R + 0.5.
    mean_l = ceil_geometric_mean(repair)
    assert mean_l == pytest.approx(repair + 0.5, abs=0.01)
    assert_near(length.mean(), mean_l, ceil_geometric_sd(repair) / math.sqrt(n), "mean repair")

    # Long-run share of hours down ≈ 1 − A. The sum of lengths over years·T is a compound
    # Poisson whose relative standard error is √(E[L²]/E[L]²/N) ≈ √(2/N) ≈ 0.9 % here; its
    # expectation (1 − A)/A·E[L]/R is 1.7 % above 1 − A (failures drawn also while down, plus
    # the half hour of rounding up), and the part past the year's end (≈ R/T of it, 0.8 %) is
    # left in. So: within 4 standard errors of the exact expectation, and of 1 − A allowing
    # for that 1.7 % offset.
    share = length.sum() / (years * T)
    el2 = ceil_geometric_sd(repair) ** 2 + mean_l**2
    se = math.sqrt(rate_yr * el2 / years) / T
    expected = (1 - a) / a * mean_l / repair
    assert_near(share, expected, se, "down share (model)")
    assert abs(share - (1 - a)) <= K * se + abs(expected - (1 - a))
    assert abs(share / (1 - a) - 1) < 0.05


def test_link_failures_one_stream_per_unit():
    years = 5_000
    units = links(("satellite", "microwave", "submarine_fibre"), (0.95, 0.999, 1.0))
    y, kind, start, length, value = samplers.link_failures(
        np.random.default_rng(45), years, T, units, 72.0
    )
    assert set(np.unique(value)) == {0.0, 1.0}  # availability 1: never fails
    for u, a in enumerate((0.95, 0.999)):
        rate_yr = (1 - a) / (a * 72.0) * T
        got = (value == u).sum() / years
        assert_near(got, rate_yr, math.sqrt(rate_yr / years), f"unit {u}")


# --- ships ----------------------------------------------------------------------------------


def with_ships(stress: Stress, **ships) -> Stress:
    return stress.model_copy(update={"ships": stress.ships.model_copy(update=ships)})


def test_ships_missed_late_and_delay(stress: Stress):
    missed_share, late_share, delay_days = 0.05, 0.3, 5.0
    s = with_ships(
        stress, missed_share=missed_share, late_share=late_share, delay_mean_days=delay_days
    )
    sched = np.array([500, 3000, 5500])  # far apart and far from the year's end
    years = 20_000
    (y, kind, start, length, value), missed, late = samplers.ships(
        np.random.default_rng(55), years, T, sched, SHIP_DIESEL, s
    )
    n = years * len(sched)
    assert (kind == SHIP_DIESEL).all() and (length == 1).all()
    assert missed.shape == late.shape == (years,)

    p = missed_share
    assert_near(missed.sum() / n, p, math.sqrt(p * (1 - p) / n), "missed share")
    came = n - missed.sum()
    p = late_share
    assert_near(late.sum() / came, p, math.sqrt(p * (1 - p) / came), "late share of the rest")

    # Which ship each arrival is: delays (mean 120 h) of 2,500 h are beyond any chance here.
    idx = np.searchsorted(sched, start, side="right") - 1
    assert idx.min() >= 0
    delay = start - sched[idx]
    assert len(y) == came  # none late past the year's end
    assert np.array_equal(np.bincount(y, minlength=years), len(sched) - missed)
    assert np.array_equal(np.bincount(y[delay > 0], minlength=years), late)
    d = delay[delay > 0]
    mean_h = delay_days * 24
    assert_near(
        d.mean(), ceil_geometric_mean(mean_h), ceil_geometric_sd(mean_h) / math.sqrt(len(d)),
        "mean delay [h]",
    )  # fmt: skip


def test_ships_late_past_year_end_do_not_come(stress: Stress):
    s = with_ships(stress, missed_share=0.0, late_share=1.0, delay_mean_days=5.0)
    (y, *_), missed, late = samplers.ships(
        np.random.default_rng(56), 1_000, T, np.array([T - 1]), SHIP_LPG, s
    )
    assert len(y) == 0 and not missed.any() and (late == 1).all()


def test_ships_on_schedule_without_misses_or_delays(stress: Stress):
    s = with_ships(stress, missed_share=0.0, late_share=0.0)
    years = 50
    (y, kind, start, length, value), missed, late = samplers.ships(
        np.random.default_rng(57), years, T, LPG_H, SHIP_LPG, s
    )
    assert np.array_equal(start, np.tile(LPG_H, years))
    assert np.array_equal(y, np.repeat(np.arange(years), len(LPG_H)))
    assert (kind == SHIP_LPG).all() and (length == 1).all() and (value == 0).all()
    assert not missed.any() and not late.any()


# --- sample_events --------------------------------------------------------------------------


def sample(stress: Stress, seed: int, years: int, units=SMALL_LINKS, cut_window=(21, 7)):
    return samplers.sample_events(
        np.random.default_rng(seed), years, T, stress, cut_window, True, units, DIESEL_H, LPG_H
    )


def year_counts(ev: samplers.Events, kind: int, value: float | None = None) -> np.ndarray:
    """Events of this kind (and value) per year."""
    year = np.repeat(np.arange(ev.years), np.diff(ev.ptr))
    m = ev.kind == kind
    if value is not None:
        m &= ev.value == value
    return np.bincount(year[m], minlength=ev.years)


def test_sample_events_structure(stress: Stress, cut_window: tuple[int, int]):
    years = 2_000
    ev = sample(stress, 66, years, cut_window=cut_window)
    assert ev.years == years
    assert ev.ptr[0] == 0 and ev.ptr[-1] == len(ev.kind)
    assert (np.diff(ev.ptr) >= 0).all()
    assert len(ev.kind) == len(ev.start) == len(ev.length) == len(ev.value)
    assert ev.start.min() >= 0 and ev.start.max() < T and ev.length.min() > 0
    assert set(np.unique(ev.kind)) <= set(range(SHIP_LPG + 1))
    assert ev.cut_start.shape == ev.cut_len.shape == (years, T // 24)

    # Every hurricane breaks PV, lines, the island grid, the port and the RO intake at once;
    # PV_LOSS carries the class's lost share.
    h = stress.hurricanes
    hur, intense = ev.counts["hurricanes"], ev.counts["intense_hurricanes"]
    assert hur.sum() > 0 and intense.sum() > 0
    for k in (LINES_DOWN, RO_DOWN, PV_LOSS):
        assert np.array_equal(year_counts(ev, k), hur)
    assert np.array_equal(year_counts(ev, PV_LOSS, h.intense.pv_lost_share), intense)
    assert np.array_equal(year_counts(ev, GRID_OFF), hur + ev.counts["island_grid_collapses"])
    # ships_wait: every main-grid collapse holds the port, as does every hurricane
    assert stress.main_grid.ships_wait
    assert np.array_equal(year_counts(ev, PORT_CLOSED), hur + ev.counts["main_grid_collapses"])
    # Ships: all scheduled but missed and those late past the year's end (at most the last).
    for name, kind, sched in (("diesel", SHIP_DIESEL, DIESEL_H), ("lpg", SHIP_LPG, LPG_H)):
        got = year_counts(ev, kind)
        assert (got <= len(sched) - ev.counts[f"{name}_ships_missed"]).all()
        assert (got >= len(sched) - ev.counts[f"{name}_ships_missed"] - 1).all()
    # link units are numbered 0..2
    assert set(np.unique(ev.value[ev.kind == LINK_DOWN])) <= {0.0, 1.0, 2.0}

    # Per-year counts have the configured means (Poisson: se √(rate/years)).
    for key, rate in (
        ("island_grid_collapses", stress.island_grid.collapses_per_yr),
        ("main_grid_collapses", stress.main_grid.collapses_per_yr),
        ("hurricanes", h.per_yr),
    ):
        assert_near(ev.counts[key].mean(), rate, math.sqrt(rate / years), key)


def test_sample_events_seeded(stress: Stress):
    a, b, c = sample(stress, 7, 200), sample(stress, 7, 200), sample(stress, 8, 200)
    for f in ("ptr", "kind", "start", "length", "value", "cut_start", "cut_len"):
        assert np.array_equal(getattr(a, f), getattr(b, f)), f
    for k in a.counts:
        assert np.array_equal(a.counts[k], b.counts[k]), k
    assert not (
        len(a.kind) == len(c.kind)
        and np.array_equal(a.start, c.start)
        and np.array_equal(a.length, c.length)
    )
    assert not np.array_equal(a.cut_len, c.cut_len)


def test_main_grid_collapse_takes_dependent_links_after_backup(stress: Stress):
    """With hurricanes and random link failures off, the only LINK_DOWN events are main-grid
    collapses longer than the far ends' backup: one per fibre unit, none on the satellite,
    starting when the backup runs out and lasting the rest of the collapse."""
    s = stress.model_copy(
        update={"hurricanes": stress.hurricanes.model_copy(update={"per_yr": 0.0})}
    )
    mg = s.main_grid
    assert "submarine_fibre" in mg.dependent_links and "satellite" not in mg.dependent_links
    units = links(("submarine_fibre", "submarine_fibre", "satellite"), 1.0)
    years = 3_000
    ev = sample(s, 77, years, units=units)
    backup = int(round(mg.backup_hours))
    year = np.repeat(np.arange(years), np.diff(ev.ptr))

    port = ev.kind == PORT_CLOSED  # the collapses themselves (ships_wait, no hurricanes)
    assert np.array_equal(
        np.bincount(year[port], minlength=years), ev.counts["main_grid_collapses"]
    )
    link = ev.kind == LINK_DOWN
    assert link.any()
    assert set(np.unique(ev.value[link])) == {0.0, 1.0}  # fibre units only

    # each collapse longer than the backup (and not running out past the year's end) ↔ one
    # LINK_DOWN per fibre unit at (start + backup, length − backup)
    long = port & (ev.length > backup) & (ev.start + backup < T)
    expect = sorted(zip(year[long], ev.start[long] + backup, ev.length[long] - backup, strict=True))
    assert len(expect) > 0
    for u in (0.0, 1.0):
        m = link & (ev.value == u)
        got = sorted(zip(year[m], ev.start[m], ev.length[m], strict=True))
        assert got == expect

    # and their number matches the log-normal: P(restoration > backup) per collapse
    p = 1 - phi(math.log(backup / mg.restore_median_hours) / mg.restore_sigma)
    n = port.sum()
    assert_near((ev.length[port] > backup).mean(), p, math.sqrt(p * (1 - p) / n), "P(> backup)")


def test_sample_events_without_island_grid(stress: Stress):
    ev = samplers.sample_events(
        np.random.default_rng(88), 100, T, stress, (21, 7), False, SMALL_LINKS, DIESEL_H, LPG_H
    )
    assert ev.cut_start.shape == ev.cut_len.shape == (100, 0)
    assert not ev.counts["island_grid_collapses"].any()
    # GRID_OFF then only from hurricanes
    assert np.array_equal(year_counts(ev, GRID_OFF), ev.counts["hurricanes"])


# --- scheduled_events -----------------------------------------------------------------------


def test_scheduled_events_are_the_ship_schedule():
    years = 5
    ev = samplers.scheduled_events(years, DIESEL_H, LPG_H)
    per = len(DIESEL_H) + len(LPG_H)
    assert ev.years == years
    assert np.array_equal(ev.ptr, np.arange(years + 1) * per)
    for y in range(years):
        sl = slice(ev.ptr[y], ev.ptr[y + 1])
        kind, start = ev.kind[sl], ev.start[sl]
        assert set(np.unique(kind)) == {SHIP_DIESEL, SHIP_LPG}
        assert np.array_equal(np.sort(start[kind == SHIP_DIESEL]), np.sort(DIESEL_H))
        assert np.array_equal(np.sort(start[kind == SHIP_LPG]), np.sort(LPG_H))
    assert (ev.length == 1).all() and (ev.value == 0).all()
    assert ev.cut_start.shape == ev.cut_len.shape == (years, 0)
