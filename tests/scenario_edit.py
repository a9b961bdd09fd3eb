"""Test helper: copies of a validated scenario with one field changed (no YAML round trip)."""

from __future__ import annotations

from cayo.scenario.schema import Scenario


def with_(s: Scenario, path: str, value: object) -> Scenario:
    """A copy of `s` with the field at dotted `path` set to `value`."""
    head, _, rest = path.partition(".")
    if not rest:
        return s.model_copy(update={head: value})
    inner = getattr(s, head)
    if isinstance(inner, dict):
        key, _, rest2 = rest.partition(".")
        return s.model_copy(update={head: {**inner, key: with_(inner[key], rest2, value)}})
    return s.model_copy(update={head: with_(inner, rest, value)})


def given_families(s: Scenario, dependents: int = 0, household_size: float = 1.6) -> Scenario:
    """`s` with its families given as numbers instead of `households`, and no service-staff
    section: the default's people as they were before issue 14 (12,000 specialists, 3,000
    students, `dependents` family members with the old default's age shares), for tests that
    hand-compute one facility or one carrier without families or service households."""
    from cayo.scenario.schema import DependentAges, People

    ages = DependentAges(age_0_2=0.15, age_3_6=0.20, age_7_17=0.20, adult=0.45)
    people = People(
        specialists=s.people.specialists,
        students=s.people.students,
        dependents=dependents,
        dependent_age_shares=ages,
        household_size=household_size,
        commuters=s.people.commuters,
        visitors_per_day=s.people.visitors_per_day,
    )
    return s.model_copy(update={"people": people})


def given_families_text(text: str, dependents: int) -> str:
    """The default scenario's YAML `text` with its `households` and `service_staff` sections
    replaced by given numbers (`given_families`, as YAML)."""
    import re

    block = re.compile(r"(?ms)^  households:\n.*?(?=^  commuters:)")
    explicit = (
        f"  dependents: {dependents}\n"
        "  dependent_age_shares: {age_0_2: 0.15, age_3_6: 0.20, age_7_17: 0.20, adult: 0.45}\n"
        "  household_size: 1.6\n"
    )
    out, n = block.subn(explicit, text)
    assert n == 1, "the default scenario's households section was not found"
    return out


def given_families_fixtures():  # type: ignore[no-untyped-def]
    """Module fixtures `scenario` and `weather` overriding the session ones with
    `given_families(default)` and its reference year: ``scenario, weather =
    given_families_fixtures()`` in a test module whose hand-computed cases follow one facility
    at a time."""
    import pytest

    from cayo.weather.reference import reference_year

    @pytest.fixture(scope="module", name="scenario")
    def given_scenario(scenario):  # type: ignore[no-untyped-def]
        return given_families(scenario)

    @pytest.fixture(scope="module", name="weather")
    def given_weather(scenario):  # type: ignore[no-untyped-def]
        return reference_year(scenario.site, scenario.weather.year)

    return given_scenario, given_weather
