"""Backhaul to the main island: the cheapest set of link units that carries the peak traffic
under the redundancy rule and reaches the availability target.

Link costs are mostly fixed per unit (a cable, a radio hop, a satellite terminal), so this is an
integer choice; with at most a few units per option, every combination is tried, which is exact.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from cayo.costs import data_link
from cayo.errors import CayoError
from cayo.scenario.schema import DataLinks


@dataclass(frozen=True)
class LinkPlan:
    """The chosen links.

    Attributes
    ----------
    units : units per option [-].
    capacity_gbps : total capacity [Gbit/s]; n_minus_1_gbps : after losing the largest unit.
    availability : share of time at least one unit works, units failing independently [-].
    annual_cost_usd : capital recovery + O&M of every unit (`cayo.costs.data_link`) [USD/yr];
    capex_usd : overnight cost [USD].
    peak_gbps : the peak traffic it was sized for [Gbit/s].
    """

    units: dict[str, int]
    capacity_gbps: float
    n_minus_1_gbps: float
    availability: float
    annual_cost_usd: float
    capex_usd: float
    peak_gbps: float


def plan_links(links: DataLinks, peak_gbps: float, discount_rate: float) -> LinkPlan:
    """Cheapest feasible combination of units; raises `CayoError` when none is feasible.

    >>> from cayo.scenario.schema import DataLink
    >>> opts = {"fibre": DataLink(capacity_gbps=100, capex_usd=1e6, om_usd_per_yr=0,
    ...         lifetime_yr=10, availability=0.999, max_units=2),
    ...         "radio": DataLink(capacity_gbps=10, capex_usd=1e5, om_usd_per_yr=0,
    ...         lifetime_yr=10, availability=0.99, max_units=3)}
    >>> p = plan_links(DataLinks(options=opts, redundancy="N+1", min_availability=0.9999),
    ...                15.0, 0.0)
    >>> p.units  # three radios: 20 Gbit/s after losing one, four nines, cheapest
    {'fibre': 0, 'radio': 3}
    >>> plan_links(DataLinks(options=opts, redundancy="N+1", min_availability=0.9999),
    ...            25.0, 0.0).units  # radios alone cannot keep 25 Gbit/s after a loss
    {'fibre': 1, 'radio': 3}
    """
    names = list(links.options)
    opts = [links.options[n] for n in names]
    annual_per_unit = [
        data_link(n, o).annual_usd_per_unit_yr(discount_rate)
        for n, o in zip(names, opts, strict=True)
    ]
    best: LinkPlan | None = None
    for counts in itertools.product(*(range(o.max_units + 1) for o in opts)):
        if sum(counts) == 0:
            continue
        caps = [o.capacity_gbps for o, k in zip(opts, counts, strict=True) for _ in range(k)]
        total = sum(caps)
        n1 = total - max(caps)
        down = 1.0
        for o, k in zip(opts, counts, strict=True):
            down *= (1 - o.availability) ** k
        if total < peak_gbps or (links.redundancy == "N+1" and n1 < peak_gbps):
            continue
        if 1 - down < links.min_availability:
            continue
        capex = sum(o.capex_usd * k for o, k in zip(opts, counts, strict=True))
        annual = sum(k * a for a, k in zip(annual_per_unit, counts, strict=True))
        if best is None or annual < best.annual_cost_usd:
            best = LinkPlan(
                dict(zip(names, counts, strict=True)), total, n1, 1 - down, annual, capex, peak_gbps
            )
    if best is None:
        raise CayoError(
            f"no combination of data links carries {peak_gbps:.1f} Gbit/s under the "
            f"{links.redundancy} rule with availability {links.min_availability}; allow more "
            "units (data_links.options.*.max_units) or relax the rule"
        )
    return best
