"""Caveats: assumptions cayo applies on its own are said aloud."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from scenario_edit import with_

from cayo.caveats import FAR_KM, MIAMI, caveats, distance_km
from cayo.program import build_program
from cayo.scenario.io import load_scenario


def test_distance_by_hand():
    # one degree of latitude is 2π × 6371 / 360 = 111.19 km
    assert distance_km((10.0, 5.0), (11.0, 5.0)) == pytest.approx(111.195, abs=1e-3)
    assert distance_km(MIAMI, MIAMI) == 0.0
    # Havana (23.14 N, 82.36 W) to Miami: about 370 km (great circle)
    assert distance_km((23.14, -82.36), MIAMI) == pytest.approx(368, abs=5)


def _result(scenario, notes=(), meta=None, figures=None, ramp_year=2041):
    loaded = SimpleNamespace(scenario=scenario)
    return SimpleNamespace(
        loaded=loaded,
        demand=SimpleNamespace(program=build_program(scenario)),
        weather=SimpleNamespace(notes=tuple(notes)),
        metadata=meta or {},
        stress=None,
        figures=figures or {},
        ramp=SimpleNamespace(target_year=ramp_year),
        verdict=None,
    )


def test_default_site_has_no_weather_caveat_and_a_far_site_has_one():
    s = load_scenario().scenario
    assert caveats(_result(s)) == []
    far = with_(with_(s, "site.latitude", 55.75), "site.longitude", 37.62)  # Moscow
    found = caveats(_result(far))
    assert len(found) == 1 and "Miami" in found[0] and "weather.source: file" in found[0]
    km = distance_km((55.75, 37.62), MIAMI)
    assert km > FAR_KM and f"{km:,.0f} km" in found[0]


def test_file_notes_shortfalls_and_a_ramp_that_never_arrives_are_caveats():
    s = load_scenario().scenario
    found = caveats(
        _result(s, notes=["the file's site is far"], figures={"unserved_share": 0.05},
                ramp_year=None)
    )  # fmt: skip
    assert found[0] == "weather: the file's site is far"
    assert any("leaves 5 % of electricity unserved" in c for c in found)
    assert any("never reaches the target" in c for c in found)


def test_service_jobs_nobody_fills_are_a_caveat():
    """The default fills its service jobs; with nobody moving in and 100 commuters, the
    shortfall the program computes is said aloud with its size."""
    s = load_scenario().scenario
    st = s.people.service_staff.model_copy(
        update={"live_in_share": 0.0, "commuters_available": 100}
    )
    short = with_(s, "people.service_staff", st)
    found = caveats(_result(short))
    n = build_program(short).service.shortfall
    assert n > 0
    assert any(c.startswith(f"workforce: {n:,.0f} service jobs") for c in found)
