"""Failure samplers: a batch of years of events drawn from an explicit `numpy.random.Generator`.

Every sampler returns flat arrays (year, kind, start hour, hours, value) for a batch of `years`
years of `T` hours; `sample_events` joins them, sorted by year, into the compressed form the
kernel reads (`Events.ptr[y]..ptr[y+1]` are year y's events). Failures that hit together are
drawn together, so they stay correlated: a hurricane breaks PV, lines, the island grid, the
port, the desalination intake and links at the same hour; a main-island collapse takes the links
that land there (after their far-end backup runs out) and holds the fuel ships. Engine start and
running failures are drawn inside the kernel, where it is known which units run.

Hour 0 of a year is local midnight on 1 January, as in the plan; months have their non-leap
lengths.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from cayo.scenario.schema import GridFailures, HurricaneDamage, Hurricanes, Stress
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

MONTH_DAYS = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
MONTH_START_H = np.concatenate([[0], np.cumsum(MONTH_DAYS)[:-1]]) * 24

Parts = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]


@dataclass(frozen=True)
class LinkUnits:
    """The data-link units of a plan, one entry per unit.

    Attributes
    ----------
    capacity_gbps : [Gbit/s]; availability : share of time up [-]; option : its option's name.
    """

    capacity_gbps: np.ndarray
    availability: np.ndarray
    option: tuple[str, ...]


@dataclass(frozen=True)
class Events:
    """Events of a batch of years, grouped by year.

    Attributes
    ----------
    ptr : year y's events are ptr[y]..ptr[y+1]-1 [-].
    kind, start [h], length [h], value : one entry per event (`cayo.stress.kernel` kinds).
    cut_start [h of the day], cut_len [h] : nightly cuts [years × days] (`rotating_cuts`; zero
        columns without an island grid).
    counts : per-year counts of what was drawn (hurricanes, collapses, ships...) [-].
    """

    ptr: np.ndarray
    kind: np.ndarray
    start: np.ndarray
    length: np.ndarray
    value: np.ndarray
    cut_start: np.ndarray
    cut_len: np.ndarray
    counts: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def years(self) -> int:
        """Number of years in the batch."""
        return len(self.ptr) - 1


def _parts(year: np.ndarray, kind: int, start: np.ndarray, length: np.ndarray, value=0.0) -> Parts:
    n = len(year)
    return (
        year.astype(np.int64),
        np.full(n, kind, dtype=np.int64),
        np.asarray(start, dtype=np.int64),
        np.asarray(length, dtype=np.int64),
        np.broadcast_to(np.asarray(value, dtype=np.float64), (n,)).copy(),
    )


def lognormal_hours(rng: np.random.Generator, n: int, median_h: float, sigma: float) -> np.ndarray:
    """`n` durations [h] from a log-normal with this median [h] and log-sigma [-], rounded up to
    whole hours (at least 1)."""
    return np.maximum(np.ceil(median_h * np.exp(sigma * rng.standard_normal(n))), 1).astype(
        np.int64
    )


def poisson_years(
    rng: np.random.Generator, years: int, rate: float
) -> tuple[np.ndarray, np.ndarray]:
    """Per-year counts ~ Poisson(`rate` [1/yr]) and the year of each draw, flattened."""
    counts = rng.poisson(rate, years) if rate > 0 else np.zeros(years, dtype=np.int64)
    return np.repeat(np.arange(years), counts), counts


def rotating_cuts(
    rng: np.random.Generator,
    years: int,
    T: int,
    g: GridFailures,
    window_start_h: int,
    window_hours: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Nightly cuts of the town's feeder: on a share of days, a cut of a uniform whole number of
    hours in [cut_min_hours, cut_max_hours] placed uniformly inside the cut window (starting at
    its start when longer than the window). Returns (hour of the day it starts, hours; 0 = no
    cut), each [years × days] of uint8: 365 cuts a year are too many to keep as events."""
    days = T // 24
    on = rng.random((years, days), dtype=np.float32) < g.cut_day_share
    hours = rng.integers(g.cut_min_hours, g.cut_max_hours + 1, (years, days), dtype=np.uint8)
    slack = np.maximum(window_hours - hours.astype(np.int16), 0)
    offset = (rng.random((years, days), dtype=np.float32) * (slack + 1)).astype(np.uint8)
    return (offset + np.uint8(window_start_h)).astype(np.uint8), np.where(on, hours, 0).astype(
        np.uint8
    )


def collapses(
    rng: np.random.Generator, years: int, T: int, rate: float, median_h: float, sigma: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Collapses at `rate` [1/yr], uniform in time, log-normal restoration [h]: (year, start,
    hours, counts per year)."""
    y, counts = poisson_years(rng, years, rate)
    start = rng.integers(0, T, len(y))
    return y, start, lognormal_hours(rng, len(y), median_h, sigma), counts


def link_failures(
    rng: np.random.Generator, years: int, T: int, links: LinkUnits, repair_mean_h: float
) -> Parts:
    """Random failures of each link unit: a two-state process whose long-run share of time up
    is the unit's availability A with mean repair time R: failures at (1 − A)/(A·R) per hour,
    repairs exponential with mean R [h] (whole hours, at least 1)."""
    out = []
    for u, a in enumerate(links.availability):
        rate = (1.0 - a) / (a * repair_mean_h) * T
        y, _ = poisson_years(rng, years, rate)
        start = rng.integers(0, T, len(y))
        hours = np.maximum(np.ceil(rng.exponential(repair_mean_h, len(y))), 1)
        out.append(_parts(y, LINK_DOWN, start, hours, float(u)))
    return _join(out)


def hurricane_starts(
    rng: np.random.Generator, years: int, h: Hurricanes
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(year, start hour, intense?, counts per year) of hurricanes at `per_yr`, months drawn by
    `month_shares`, uniform within the month."""
    y, counts = poisson_years(rng, years, h.per_yr)
    months = np.array(sorted(h.month_shares)) if h.month_shares else np.array([9])
    shares = np.array([h.month_shares[m] for m in months]) if h.month_shares else np.ones(1)
    m = rng.choice(months, size=len(y), p=shares / shares.sum()) - 1
    start = MONTH_START_H[m] + np.floor(rng.random(len(y)) * MONTH_DAYS[m] * 24).astype(np.int64)
    intense = rng.random(len(y)) < h.intense_share
    return y, start, intense, counts


def hurricane_damage(
    rng: np.random.Generator,
    y: np.ndarray,
    start: np.ndarray,
    damage: HurricaneDamage,
    links: LinkUnits,
) -> list[Parts]:
    """What hurricanes of one class, at (year, start hour), break and for how long."""
    days = 24.0
    out = [
        _parts(y, PV_LOSS, start, np.full(len(y), round(damage.pv_repair_days * days)),
               damage.pv_lost_share),
        _parts(y, LINES_DOWN, start, np.full(len(y), round(damage.lines_repair_hours)), 1.0),
        _parts(y, GRID_OFF, start, np.full(len(y), round(damage.island_grid_repair_hours))),
        _parts(y, PORT_CLOSED, start, np.full(len(y), round(damage.port_closed_days * days))),
        _parts(y, RO_DOWN, start, np.full(len(y), round(damage.ro_repair_days * days))),
    ]  # fmt: skip
    for u in range(len(links.availability)):
        hit = rng.random(len(y)) < damage.link_damage_share
        out.append(
            _parts(y[hit], LINK_DOWN, start[hit],
                   np.full(int(hit.sum()), round(damage.link_repair_days * days)), float(u))
        )  # fmt: skip
    return out


def ships(
    rng: np.random.Generator, years: int, T: int, scheduled_h: np.ndarray, kind: int, s: Stress
) -> tuple[Parts, np.ndarray, np.ndarray]:
    """Arrivals of the ships scheduled at `scheduled_h` [h]: each is missed with `missed_share`,
    else late with `late_share` by an exponential delay with mean `delay_mean_days` (whole
    hours); a ship late past the year's end does not come this year. Returns the events and
    per-year counts of missed and late ships."""
    n = len(scheduled_h)
    sched = np.tile(scheduled_h, years)
    y = np.repeat(np.arange(years), n)
    missed = rng.random(len(y)) < s.ships.missed_share
    late = ~missed & (rng.random(len(y)) < s.ships.late_share)
    delay = np.where(late, np.ceil(rng.exponential(s.ships.delay_mean_days * 24, len(y))), 0)
    arrive = sched + delay.astype(np.int64)
    keep = ~missed & (arrive < T)
    parts = _parts(y[keep], kind, arrive[keep], np.ones(int(keep.sum())))
    return (
        parts,
        np.bincount(y[missed], minlength=years),
        np.bincount(y[late], minlength=years),
    )


def _join(parts: list[Parts]) -> Parts:
    if not parts:
        e = np.zeros(0, dtype=np.int64)
        return e, e, e, e, np.zeros(0)
    return tuple(np.concatenate([p[i] for p in parts]) for i in range(5))  # type: ignore[return-value]


def sample_events(
    rng: np.random.Generator,
    years: int,
    T: int,
    s: Stress,
    cut_window: tuple[int, int],
    grid_enabled: bool,
    links: LinkUnits,
    diesel_ship_h: np.ndarray,
    lpg_ship_h: np.ndarray,
) -> Events:
    """Every failure of `years` sampled years of `T` hours.

    `cut_window` is (start hour, hours) of the island grid's nightly cut window; `grid_enabled`
    False skips the island grid's failures (there is nothing to cut).
    """
    # one stream per failure class, so that switching a class off (`cayo.verdict.risks`) leaves
    # the draws of every other class unchanged (common random numbers)
    cut_rng, grid_rng, main_rng, link_rng, hurricane_rng, ship_rng = rng.spawn(6)
    parts: list[Parts] = []
    counts: dict[str, np.ndarray] = {}
    no_cuts = np.zeros((years, 0), dtype=np.uint8)
    cut_start, cut_len = no_cuts, no_cuts
    if grid_enabled:
        cut_start, cut_len = rotating_cuts(cut_rng, years, T, s.island_grid, *cut_window)
        g = s.island_grid
        y, start, hours, counts["island_grid_collapses"] = collapses(
            grid_rng, years, T, g.collapses_per_yr, g.collapse_median_hours, g.collapse_sigma
        )
        parts.append(_parts(y, GRID_OFF, start, hours))
    else:
        counts["island_grid_collapses"] = np.zeros(years, dtype=np.int64)
    mg = s.main_grid
    y, start, hours, counts["main_grid_collapses"] = collapses(
        main_rng, years, T, mg.collapses_per_yr, mg.restore_median_hours, mg.restore_sigma
    )
    dark = hours - int(round(mg.backup_hours))  # hours the far ends are down
    for u, option in enumerate(links.option):
        if option in mg.dependent_links:
            hit = dark > 0
            parts.append(
                _parts(y[hit], LINK_DOWN, start[hit] + hours[hit] - dark[hit], dark[hit], float(u))
            )
    if mg.ships_wait:
        parts.append(_parts(y, PORT_CLOSED, start, hours))
    parts.append(link_failures(link_rng, years, T, links, s.link_repair_mean_hours))
    y, start, intense, counts["hurricanes"] = hurricane_starts(hurricane_rng, years, s.hurricanes)
    counts["intense_hurricanes"] = np.bincount(y[intense], minlength=years)
    parts += hurricane_damage(
        hurricane_rng, y[~intense], start[~intense], s.hurricanes.regular, links
    )
    parts += hurricane_damage(
        hurricane_rng, y[intense], start[intense], s.hurricanes.intense, links
    )
    fuels = (("diesel", diesel_ship_h, SHIP_DIESEL), ("lpg", lpg_ship_h, SHIP_LPG))
    for name, sched, ship in fuels:
        p, missed, late = ships(ship_rng, years, T, sched, ship, s)
        parts.append(p)
        counts[f"{name}_ships_missed"] = missed
        counts[f"{name}_ships_late"] = late
    year, kind, start_h, length, value = _join(parts)
    keep = (start_h < T) & (length > 0)  # zero-hour damage breaks nothing
    order = np.argsort(year[keep], kind="stable")
    ptr = np.concatenate([[0], np.cumsum(np.bincount(year[keep], minlength=years))])
    return Events(
        ptr=ptr.astype(np.int64),
        kind=kind[keep][order],
        start=start_h[keep][order],
        length=length[keep][order],
        value=value[keep][order],
        cut_start=cut_start,
        cut_len=cut_len,
        counts=counts,
    )


def scheduled_events(years: int, diesel_ship_h: np.ndarray, lpg_ship_h: np.ndarray) -> Events:
    """Years with no failure at all: every ship on its day (the plan's own year)."""
    n_d, n_l = len(diesel_ship_h), len(lpg_ship_h)
    per = n_d + n_l
    kind = np.tile(np.r_[np.full(n_d, SHIP_DIESEL), np.full(n_l, SHIP_LPG)], years)
    start = np.tile(np.r_[diesel_ship_h, lpg_ship_h].astype(np.int64), years)
    return Events(
        ptr=np.arange(years + 1, dtype=np.int64) * per,
        kind=kind.astype(np.int64),
        start=start,
        length=np.ones(years * per, dtype=np.int64),
        value=np.zeros(years * per),
        cut_start=np.zeros((years, 0), dtype=np.uint8),
        cut_len=np.zeros((years, 0), dtype=np.uint8),
    )
