"""--vary: read, checked against the schema (every problem at once, with how to fix it), and
set into the scenario's YAML with its comments kept."""

from __future__ import annotations

import pytest

from cayo.scenario.io import load_scenario, parse_scenario
from cayo.sweep.vary import Vary, VaryError, check_varies, numeric_paths, set_values

FUEL = "technologies.genset.fuel_price_usd_per_l"


@pytest.fixture(scope="module")
def loaded():  # type: ignore[no-untyped-def]
    return load_scenario()


def problems(texts: list[str], loaded) -> list[str]:  # type: ignore[no-untyped-def]
    with pytest.raises(VaryError) as exc:
        check_varies(texts, loaded)
    return exc.value.problems


def test_a_good_range_is_read_with_its_field_type(loaded) -> None:  # type: ignore[no-untyped-def]
    fuel, people = check_varies([f"{FUEL}=0.9:1.5:4", "people.specialists=8000:14000"], loaded)
    assert fuel == Vary(FUEL, 0.9, 1.5, 4, integer=False)
    assert fuel.values() == pytest.approx([0.9, 1.1, 1.3, 1.5])
    assert people.integer and people.values() == [8000, 11000, 14000]
    assert people.cast(8000.4) == 8000 and isinstance(people.cast(8000.4), int)


def test_every_problem_is_listed_at_once(loaded) -> None:  # type: ignore[no-untyped-def]
    found = problems(
        [
            "technologies.genset.fuel_pric_usd_per_l=1:2",  # a typo: the close match is named
            "site.name=1:2",  # text, not a number
            "design.enabled=0:1",  # a flag
            f"{FUEL}=1.5:0.9",  # reversed
            f"{FUEL}",  # no range
            "people.specialists=1.5:3",  # a whole-number field
            "finance.discount_rate=0.05:abc",
            "nosuchsection.x=1:2",
        ],
        loaded,
    )
    text = "\n".join(found)
    assert len(found) == 8, text
    assert "did you mean technologies.genset.fuel_price_usd_per_l" in text
    assert "site.name: not a number" in text and "design.enabled: not a number" in text
    assert "write it as 0.9:1.5" in text
    assert "expected PATH=LOW:HIGH" in text
    assert "whole number" in text and "'abc' is not a finite number" in text
    assert "top-level sections:" in text


def test_an_end_outside_the_schema_range_is_refused_with_the_schema_hint(loaded) -> None:  # type: ignore[no-untyped-def]
    (found,) = problems([f"{FUEL}=-1:2"], loaded)
    assert "at -1" in found and "between 0 and 10 USD/L" in found and "hint:" in found


def test_a_field_varied_twice_and_too_many_points(loaded) -> None:  # type: ignore[no-untyped-def]
    found = problems([f"{FUEL}=1:2", f"{FUEL}=1:3", "finance.discount_rate=0.05:0.1:1"], loaded)
    assert any("varied twice" in p for p in found)
    assert any("from 2 to 1,000" in p for p in found)


def test_no_vary_is_an_error_with_an_example(loaded) -> None:  # type: ignore[no-untyped-def]
    assert "--vary" in problems([], loaded)[0]


def test_set_values_changes_only_the_field_and_keeps_comments(loaded) -> None:  # type: ignore[no-untyped-def]
    text = set_values(loaded.text, {FUEL: 1.37, "phasing.milestones.1.year": 2031})
    changed = [
        (a, b) for a, b in zip(loaded.text.splitlines(), text.splitlines(), strict=True) if a != b
    ]
    assert len(changed) == 2, changed
    assert all("#" in b for _, b in changed)  # the source comments stay
    s = parse_scenario(text)
    assert s.technologies.genset.fuel_price_usd_per_l == 1.37
    assert s.phasing.milestones[1].year == 2031


def test_a_field_left_to_its_default_is_added(loaded) -> None:  # type: ignore[no-untyped-def]
    fields = numeric_paths(loaded.scenario)
    absent = [p for p in fields if p.split(".")[-1] not in loaded.text]
    assert absent, "the default sets every numeric field: nothing to add"
    path = absent[0]
    s = parse_scenario(set_values(loaded.text, {path: fields[path]}))
    assert numeric_paths(s)[path] == fields[path]


def test_a_mapping_with_number_keys_is_set_by_its_number(loaded) -> None:  # type: ignore[no-untyped-def]
    from ruamel.yaml import YAML

    path = "stress.hurricanes.month_shares.9"
    assert path in numeric_paths(loaded.scenario)
    shares = YAML(typ="safe").load(set_values(loaded.text, {path: 0.25}))["stress"]["hurricanes"]
    assert shares["month_shares"][9] == 0.25 and "9" not in shares["month_shares"]
