"""Assumptions cayo applied without being told, made loud.

Each caveat is one sentence: what was assumed, why it matters, and how to lift it. The pipeline
logs them as warnings and saves them with the results (``metadata["warnings"]``); the terminal
and the report list them.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from cayo.fmt import number, share, whole

if TYPE_CHECKING:
    from cayo.pipeline import PlanResult

MIAMI = (25.8, -80.27)  # [deg] pvlib's 12839.tm2 (Miami, FL): the reference year's own site
# [km] beyond this the reference year's temperature and wind are another climate's. Estimate:
# the default site, 521 km from Miami, shares its Köppen class (Aw/Am) and its mean temperature
# within 0.5 °C (24.3 °C carried, 24.8 °C published for the island); 800 km south already
# crosses into other rainfall regimes of the Caribbean.
FAR_KM = 800.0
UNSERVED_CAVEAT = 0.01  # [-] share of the plan's own electricity left unserved worth a warning
EARTH_KM = 6371.0  # [km] mean Earth radius


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance [km] between two (latitude, longitude) points [deg] (haversine).

    >>> round(distance_km((21.75, -82.85), MIAMI))
    521
    >>> distance_km((0.0, 0.0), (0.0, 180.0)) == math.pi * EARTH_KM
    True
    """
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2
    h += math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def weather_caveats(result: PlanResult) -> list[str]:
    """The reference year far from the site; a weather file from elsewhere."""
    s = result.loaded.scenario
    out = [f"weather: {n}" for n in result.weather.notes]
    if s.weather.source == "reference":
        km = distance_km((s.site.latitude, s.site.longitude), MIAMI)
        if km > FAR_KM:
            air = (
                "air temperature follows the site's monthly means but its hour-to-hour pattern "
                "and wind are Miami's"
                if s.weather.monthly_mean_temp_c is not None
                else "air temperature (cooling demand, PV heat) and wind are Miami's; give "
                "weather.monthly_mean_temp_c (the site's normals)"
            )
            out.append(
                "weather: the reference year is Miami's (25.8 °N, 80.3 °W), "
                f"{number(km, 0)} km from the site: sunshine is carried to the site's sun and "
                f"clear sky, {air}; or give the site's own year with weather.source: file "
                "(EPW, TMY3 or PVGIS)"
            )
    return out


def run_caveats(result: PlanResult) -> list[str]:
    """Unconverged stress test, shortfalls in the plan's own year, a ramp that never arrives,
    service jobs nobody fills, changes left unconfirmed."""
    out = []
    meta = result.metadata.get("stress", {})
    if result.stress is not None and not meta.get("converged", True):
        out.append(
            f"stress test: stopped at its cap of {whole(meta.get('years', 0))} years before the "
            "mean unserved energy converged to ±5 %; raise stress.run.max_years for firmer figures"
        )
    f = result.figures
    # estimate: 1 % of a year's electricity is about 3.7 days of average load unserved, five
    # times the 0.2 % the default criteria accept; below it the verdict's criteria speak
    if f.get("unserved_share", 0.0) > UNSERVED_CAVEAT:
        out.append(
            f"plan: the least-cost plan leaves {share(f['unserved_share'])} of electricity "
            "unserved in a normal year (cheaper than supplying it at the value of lost load); "
            "check technology limits and finance.value_of_lost_load_usd_per_kwh"
        )
    if result.ramp is not None and result.ramp.target_year is None:
        out.append(
            "workforce: the training pipeline never reaches the target of specialists before "
            "workforce.horizon_year; the money counts no full-town years"
        )
    short = result.demand.program.service.shortfall
    if short >= 0.5:
        out.append(
            f"workforce: {whole(short)} service jobs (teachers, carers, doctors, shop and kitchen "
            "staff) are filled by nobody; people.service_staff says where staff may come from "
            "(more moving in, more commuters available)"
        )
    if result.verdict is not None and not result.metadata.get("verdict_confirmed", False):
        if any(c is not None for c in result.verdict.changes.values()):
            out.append(
                "verdict: the cheapest changes are simulated on the plan, not re-planned; run "
                "with confirmation (the default) to check them with the LP"
            )
    return out


def caveats(result: PlanResult) -> list[str]:
    """Every caveat of a planning run, weather first."""
    return weather_caveats(result) + run_caveats(result)
