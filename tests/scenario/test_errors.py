"""Bad scenario input: every problem is a ScenarioError with a path, a 1-based line and a hint.

Most broken inputs are made here from the packaged default by one string replacement, so they
follow the default as it evolves; the expected line is found in the edited text by the marker
the edit put there. The files in ``broken/`` are shipped copies whose line numbers are asserted
as written.
"""

from __future__ import annotations

import difflib
import math
import re
import shutil
import typing
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pvlib
import pytest
from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from cayo.errors import Problem, ScenarioError
from cayo.scenario import io
from cayo.scenario.io import default_scenario_text, load_scenario, parse_scenario
from cayo.scenario.schema import Scenario

BROKEN = Path(__file__).parent / "broken"
TMY3 = Path(pvlib.__file__).parent / "data" / "723170TYA.CSV"  # a real year (Greensboro, NC)
DEFAULT = default_scenario_text()
UTILITIES = DEFAULT[DEFAULT.index("utilities:\n") : DEFAULT.index("demand:\n")]  # whole section
FILE = "town.yaml"  # name given to parse_scenario; relative weather files resolve against "."


# ---------------------------------------------------------------- helpers


def edit(old: str, new: str, text: str = DEFAULT) -> str:
    """`text` with the single occurrence of `old` replaced by `new`."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in the default scenario"
    return text.replace(old, new)


def line_with(text: str, marker: str) -> int:
    """1-based number of the only line of `text` containing `marker`."""
    hits = [n for n, line in enumerate(text.splitlines(), start=1) if marker in line]
    assert len(hits) == 1, f"{marker!r} is on lines {hits}"
    return hits[0]


def problems_of(text: str, where: str | Path = FILE) -> list[Problem]:
    """The problems parse_scenario reports for `text` (it must fail with a ScenarioError)."""
    with pytest.raises(ScenarioError) as info:
        parse_scenario(text, where)
    err = info.value
    check_invariants(err, text)
    return err.problems


def check_invariants(err: ScenarioError, text: str) -> None:
    """What every ScenarioError promises, whatever the input."""
    n_lines = max(1, len(text.splitlines()))
    assert err.problems, "a ScenarioError must list at least one problem"
    for p in err.problems:
        assert p.message.strip(), p
        assert p.hint.strip(), f"problem without a hint: {p}"
        assert p.line is None or 1 <= p.line <= n_lines, f"line {p.line} outside 1..{n_lines}: {p}"
    lines = [p.line or 0 for p in err.problems]
    assert lines == sorted(lines), "problems are listed in file order"
    report = str(err)
    n = len(err.problems)
    assert report.splitlines()[0] == f"{err.file}: {n} problem{'s' if n != 1 else ''} found"
    for p in err.problems:
        assert p.format(err.file) in report
        assert f"hint: {p.hint}" in report
    assert "Traceback" not in report


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def find(problems: list[Problem], path: str) -> Problem:
    hits = [p for p in problems if p.path == path]
    assert len(hits) == 1, f"no single problem at {path!r} in:\n" + "\n".join(map(str, problems))
    return hits[0]


# ---------------------------------------------------------------- the default scenario


def test_default_scenario_loads_cleanly() -> None:
    loaded = load_scenario()
    assert isinstance(loaded.scenario, Scenario)
    assert loaded.scenario.name == "Cayo Digital"
    assert loaded.text == DEFAULT
    assert len(loaded.sha256) == 64
    assert parse_scenario(DEFAULT) == loaded.scenario


def test_default_scenario_loads_from_a_copied_file(tmp_path: Path) -> None:
    path = tmp_path / "copy.yaml"
    path.write_text(DEFAULT, encoding="utf-8")
    assert load_scenario(path).scenario == load_scenario().scenario


def _numbers_with_lines(node: object) -> list[tuple[int, str, object]]:
    """(1-based line, key, value) of every numeric scalar in a round-trip YAML tree."""
    out: list[tuple[int, str, object]] = []
    if isinstance(node, CommentedMap):
        for key, value in node.items():
            if isinstance(value, int | float) and not isinstance(value, bool):
                out.append((node.lc.value(key)[0] + 1, str(key), value))
            out += _numbers_with_lines(value)
    elif isinstance(node, CommentedSeq):
        for i, value in enumerate(node):
            if isinstance(value, int | float) and not isinstance(value, bool):
                out.append((node.lc.item(i)[0] + 1, f"[{i}]", value))
            out += _numbers_with_lines(value)
    return out


# a number in a value: not part of a word (`age_0_2`, `tmy3`) nor of a longer number
NUMBER = re.compile(r"(?<![\w.])[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?![\w.])")
KEY = re.compile(r"^\s*(?:-\s+)*(?:[\w-]+:)?")  # leading `key:` and list dashes
QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")


def numbers_without_a_source(text: str) -> list[str]:
    """Lines of `text` with a number but no 'source', 'estimate' or 'computed' in their comment.

    A line counts when its value holds a number in block style (`key: 7`, `- 7`) or in flow style
    (`[7, 8]`, `{office: {floor_m2_per_unit: 12}}`); an empty `{}` or `[]` holds none. The lines
    found by reading the text must be those of the numbers in the parsed YAML, so that neither
    way of looking misses a number the other one sees.
    """
    lines = text.splitlines()
    numbers = _numbers_with_lines(YAML(typ="rt").load(text))
    by_text = {
        n
        for n, line in enumerate(lines, start=1)
        if NUMBER.search(KEY.sub("", QUOTED.sub("", line).partition("#")[0]))
    }
    assert by_text == {n for n, _, _ in numbers}, "a number the YAML walk and the text disagree on"
    missing = []
    for number, key, value in numbers:
        _, sep, comment = lines[number - 1].partition("#")
        if not (sep and re.search(r"source|estimate|computed", comment, re.IGNORECASE)):
            missing.append(f"line {number}: {key}: {value}")
    return missing


def test_every_default_number_has_a_source_or_is_an_estimate() -> None:
    """Project rule: a default number carries a trailing comment with source/estimate/computed."""
    numbers = _numbers_with_lines(YAML(typ="rt").load(DEFAULT))
    assert len(numbers) > 50, "the walk found too few numbers; is the default scenario complete?"
    holidays = line_with(DEFAULT, "school_holiday_months:")
    assert [key for n, key, _ in numbers if n == holidays] == ["[0]", "[1]"]  # flow list counted
    missing = numbers_without_a_source(DEFAULT)
    assert not missing, "numbers without a source or an 'estimate' mark:\n" + "\n".join(missing)


HOLIDAYS = "school_holiday_months: [7, 8]  # [-] estimate: the Cuban school year runs"


@pytest.mark.parametrize(
    ("old", "new", "bare"),
    [
        ("seed: 20261129                 # [-]", "seed: 20261129  # [-]", []),  # still 'estimate'
        ("seed: 20261129  ", "seed: 20261129  # no mark\n#", ["seed"]),
        (HOLIDAYS, "school_holiday_months: [7, 8]  # [-]\n    #", ["[0]", "[1]"]),
        (HOLIDAYS, "school_holiday_months:\n      - 7\n      - 8  # estimate\n    #", ["[0]"]),
        ("norms: {}", "norms: {office: {floor_m2_per_unit: 12}}", ["floor_m2_per_unit"]),
        ("norms: {}", "norms: {office: {floor_m2_per_unit: 12}}  # [m2] estimate", []),
        ("capacity: {}", "capacity: {school: 800, daycare: 1e2}", ["school", "daycare"]),
        ("capacity: {}", "capacity: {school: '800'}", []),  # a quoted number is a string
        ("capacity: {}", "capacity: []", []),
        ("  name: Isla de la Juventud, Cuba", "  name: Isla age_0_2, tmy3 v1.2.3", []),
    ],
)
def test_the_number_rule_sees_block_and_flow_numbers(old: str, new: str, bare: list[str]) -> None:
    """The rule's own check: numbers without a mark are found, in block lists and flow style."""
    missing = numbers_without_a_source(edit(old, new))
    assert [m.split(": ")[1] for m in missing] == bare, missing


# ---------------------------------------------------------------- one problem each


@dataclass(frozen=True)
class Case:
    """One edit of the default and the problem it must give.

    old, new : the replacement made on the default text.
    path : the problem's dotted YAML path.
    message : a fragment of its message; hint : a fragment of its hint.
    at : a fragment of the line the problem must point at (default: `new`'s first line).
    line : the line number itself, when no line of the text can be named (top-level misses).
    n : how many problems the edit must give in all.
    """

    old: str
    new: str
    path: str
    message: str
    hint: str = ""
    at: str | None = None
    line: int | None = None
    n: int = 1


CASES = {
    # wrong types
    "string_for_float": Case(
        "latitude: 21.75",
        "latitude: north",
        "site.latitude",
        "must be a number, not text",
        "'north'",
    ),
    "string_for_int": Case(
        "specialists: 12000",
        'specialists: "twelve thousand"',
        "people.specialists",
        "must be a whole number, not text",
        "'twelve thousand'",
    ),
    "fraction_of_a_person": Case(
        "students: 3000", "students: 3000.5", "people.students", "whole number, not 3000.5", "3000"
    ),
    "string_for_bool": Case(
        "  pv:\n    enabled: true",
        "  pv:\n    enabled: maybe",
        "technologies.pv.enabled",
        "must be true or false",
        "'maybe'",
        at="enabled: maybe",
    ),
    "date_for_year": Case(
        "year: 2025", "year: 2025-01-01", "weather.year", "whole number, not a date", "2025-01-01"
    ),
    "mapping_for_number": Case(
        "discount_rate: 0.08",
        "discount_rate: {real: 0.08}",
        "finance.discount_rate",
        "must be a number, not a mapping",
        "real",
    ),
    "number_for_section": Case(
        "finance:\n",
        "finance: 0.08\nfinance_notes:\n",
        "finance",
        "must be a section of `key: value` lines",
        "0.08",
        at="finance: 0.08",
        n=2,
    ),
    "unknown_weather_source": Case(
        "source: reference",
        "source: satellite",
        "weather.source",
        "'reference' or 'file'",
        "'satellite'",
    ),
    # negative populations and other ranges
    "negative_students": Case(
        "students: 3000",
        "students: -3000",
        "people.students",
        "students must be between 0 and 5,000,000 persons (cayo plans towns",
        "from 0 to 5,000,000",
    ),
    "negative_specialists": Case(
        "specialists: 12000",
        "specialists: -1",
        "people.specialists",
        "must be between 0 and 5,000,000 persons",
        "from 0 to 5,000,000",
    ),
    "negative_children": Case(
        "children_per_family: 1.0 ",
        "children_per_family: -1.0 ",
        "people.households.children_per_family",
        "must be between 0 and 6 children per family",
        "from 0 to 6",
    ),
    "nobody_lives_there": Case(
        "specialists: 12000",
        "specialists: 0",
        "people",
        "no residents",
        "give specialists, students or dependents",
        at="people:",
        n=2,  # and the 300 initial specialists exceed the target of none
    ),
    "latitude_above_90": Case(
        "latitude: 21.75",
        "latitude: 121.75",
        "site.latitude",
        "latitude must be between -90 and 90 deg (latitudes run from -90 (south pole)",
        "from -90 to 90 deg",
    ),
    "latitude_below_minus_90": Case(
        "latitude: 21.75",
        "latitude: -90.5",
        "site.latitude",
        "between -90 and 90 deg",
        "from -90 to 90",
    ),
    "longitude_out_of_range": Case(
        "longitude: -82.85",
        "longitude: 277.15",
        "site.longitude",
        "between -180 and 180 deg",
        "from -180 to 180",
    ),
    "azimuth_360": Case(
        "azimuth_deg: 180",
        "azimuth_deg: 360",
        "technologies.pv.azimuth_deg",
        "at least 0 and below 360 deg",
        "from 0 up to (not including) 360",
    ),
    "efficiency_above_1": Case(
        "    charge_efficiency: 0.95",
        "    charge_efficiency: 1.5",
        "technologies.battery.charge_efficiency",
        "between 0.5 and 1 (an efficiency cannot exceed 1",
        "from 0.5 to 1",
    ),
    # huge numbers
    "1e30_people": Case(
        "specialists: 12000", "specialists: 1e30", "people.specialists", "whole number", "1e+30"
    ),
    "1e30_as_digits": Case(
        "specialists: 12000",
        "specialists: " + "1" + "0" * 30,
        "people.specialists",
        "you gave 1" + "0" * 30,
        "from 0 to 5,000,000",
    ),
    "1e30_hectares": Case(
        "land_ha: 60", "land_ha: 1e30", "technologies.pv.land_ha", "you gave 1e30", "to 100,000 ha"
    ),
    "1e400_people": Case(
        "specialists: 12000", "specialists: 1e400", "people.specialists", "not inf", "inf"
    ),
    "1e400_latitude": Case(
        "latitude: 21.75", "latitude: 1e400", "site.latitude", "you gave inf", "from -90 to 90"
    ),
    "1e400_seed": Case("seed: 20261129", "seed: 1e400", "seed", "whole number, not inf", "inf"),
    "minus_1e400_price": Case(
        "fuel_price_usd_per_l: 1.10",
        "fuel_price_usd_per_l: -1e400",
        "technologies.genset.fuel_price_usd_per_l",
        "you gave -inf",
        "from 0 to 10 USD/L",
    ),
    "nan_latitude": Case(
        "latitude: 21.75", "latitude: .nan", "site.latitude", "you gave nan", "from -90 to 90"
    ),
    # program.capacity [the facility's unit] and program.norms: checked against data/facilities.csv
    "1e400_capacity": Case(
        "capacity: {}",
        "capacity: {school: 1e400}",
        "program.capacity.school",
        "school must be between 0 and 1e9 in the facility's unit",
        "from 0 to 1e9",
    ),
    "1e30_capacity": Case(
        "capacity: {}",
        "capacity: {school: 1e30}",
        "program.capacity.school",
        "you gave 1e30",
        "from 0 to 1e9",
    ),
    "nan_capacity": Case(
        "capacity: {}",
        "capacity: {school: .nan}",
        "program.capacity.school",
        "you gave nan",
        "from 0 to 1e9",
    ),
    "negative_capacity": Case(
        "capacity: {}",
        "capacity: {school: -5}",
        "program.capacity.school",
        "you gave -5",
        "from 0 to 1e9 in the facility's unit",
    ),
    "negative_capacity_quoted": Case(  # a quoted number is text, never a number
        "capacity: {}",
        "capacity: {school: '-5'}",
        "program.capacity.school",
        "must be a number, not text ('-5')",
        "without quotes",
    ),
    "string_for_capacity": Case(
        "capacity: {}",
        "capacity: {school: eight hundred}",
        "program.capacity.school",
        "school must be a number, not text",
        "'eight hundred'",
    ),
    "list_for_capacity": Case(
        "capacity: {}",
        "capacity: [school, 800]",
        "program.capacity",
        "must be a section of `key: value` lines, not a list",
        "school",
    ),
    "negative_norm": Case(
        "norms: {}",
        "norms: {office: {floor_m2_per_unit: -12}}",
        "program.norms.office.floor_m2_per_unit",
        "norm floor_m2_per_unit = -12 is out of range",
        "use 0 to 1e9",
    ),
    "negative_norm_quoted": Case(
        "norms: {}",
        "norms: {office: {floor_m2_per_unit: '-12'}}",
        "program.norms.office.floor_m2_per_unit",
        "must be a number, not text ('-12')",
        "without quotes",
    ),
    "1e400_norm": Case(
        "norms: {}",
        "norms: {office: {base_kwh_per_m2_yr: 1e400}}",
        "program.norms.office.base_kwh_per_m2_yr",
        "must be a finite number",
        "inf",
    ),
    "zero_units_per_facility": Case(  # it divides the capacity into buildings
        "norms: {}",
        "norms: {school: {units_per_facility: 0}}",
        "program.norms.school.units_per_facility",
        "= 0 is out of range",
        "more than 0",
    ),
    "return_factor_above_1": Case(
        "norms: {}",
        "norms: {residence: {return_factor: 1.2}}",
        "program.norms.residence.return_factor",
        "= 1.2 is out of range",
        "use 0 to 1",
    ),
    "cold_balance_temperature": Case(
        "norms: {}",
        "norms: {residence: {balance_temp_c: -60}}",
        "program.norms.residence.balance_temp_c",
        "= -60 is out of range",
        "use -50 to 60",
    ),
    "string_for_norm": Case(
        "norms: {}",
        "norms: {office: {floor_m2_per_unit: twelve}}",
        "program.norms.office.floor_m2_per_unit",
        "must be a number, not text",
        "'twelve'",
    ),
    "number_for_norms_of_a_facility": Case(
        "norms: {}",
        "norms: {office: 12}",
        "program.norms.office",
        "must be a section of `key: value` lines",
        "12",
    ),
    # people: age shares, day population
    "age_shares_above_1": Case(
        "      age_7_17: 0.4 ",
        "      age_7_17: 0.5 ",
        "people.households.child_age_shares",
        "the age shares add up to 1.1000, not 1",
        "age_0_2 + age_3_6 + age_7_17 = 1",
        at="child_age_shares:",
    ),
    "age_shares_below_1": Case(
        "      age_7_17: 0.4 ",
        "      age_7_17: 0.22 ",
        "people.households.child_age_shares",
        "add up to 0.8200, not 1",
        "within 0.001",
        at="child_age_shares:",
    ),
    "service_family_shares_off": Case(
        "      adult: 0.63 ",
        "      adult: 0.73 ",
        "people.service_staff.family_age_shares",
        "add up to 1.1000, not 1",
        "age_0_2 + age_3_6 + age_7_17 + adult = 1",
        at="family_age_shares:",
    ),
    "age_share_above_1": Case(
        "      age_0_2: 0.3 ",
        "      age_0_2: 1.3 ",
        "people.households.child_age_shares.age_0_2",
        "age_0_2 must be between 0 and 1 (a share of a whole runs from 0 to 1); you gave 1.3",
        "from 0 to 1",  # the sum is not checked when a share is wrong in itself
    ),
    "negative_age_share": Case(
        "      age_3_6: 0.3 ",
        "      age_3_6: -0.3",
        "people.households.child_age_shares.age_3_6",
        "you gave -0.3",
        "from 0 to 1",
    ),
    "missing_age_share": Case(
        "      age_7_17: 0.4                # [-] estimate\n",
        "",
        "people.households.child_age_shares.age_7_17",
        "required field is missing",
        "add `age_7_17:`",
        at="child_age_shares:",
    ),
    "typo_age_share": Case(
        "      age_3_6: 0.3 ",
        "      age_3_5: 0.3 ",
        "people.households.child_age_shares.age_3_5",
        "unknown field 'age_3_5'",
        "did you mean 'age_3_6'?",
        n=2,  # and age_3_6 is missing
    ),
    "missing_age_shares": Case(
        "    child_age_shares:",
        "    child_age_share:",
        "people.households.child_age_shares",
        "required field is missing",
        "add `child_age_shares:`",
        at="households:",
        n=2,
    ),
    "families_twice": Case(
        "  households:\n",
        "  dependents: 100\n  households:\n",
        "people.dependents",
        "both people.households and people.dependents are given",
        "keep `households`",
        at="dependents: 100",
    ),
    "families_missing": Case(
        "  households:\n",
        "  household:\n",
        "people",
        "the families are not described",
        "add a `households` section",
        at="people:",
        n=2,  # and the unknown field 'household'
    ),
    "cooling_unknown_facility": Case(
        "    laboratory: {ac_share",
        "    labratory: {ac_share",
        "cooling.by_facility.labratory",
        "unknown facility 'labratory'",
        "did you mean 'laboratory'?",
    ),
    "cooling_cop_below_1": Case(
        "office: {ac_share: 1.0, set_point_c: 24, cop: 4.2}",
        "office: {ac_share: 1.0, set_point_c: 24, cop: 0.3}",
        "cooling.by_facility.office.cop",
        "cop must be between 1 and 10",
        "from 1 to 10",
    ),
    "negative_commuters": Case(
        "commuters: 0 ",
        "commuters: -40 ",
        "people.commuters",
        "you gave -40",
        "from 0 to 5,000,000 persons",
    ),
    "fractional_commuters": Case(
        "commuters: 0 ", "commuters: 0.5 ", "people.commuters", "whole number, not 0.5", "0.5"
    ),
    "negative_visitors": Case(
        "visitors_per_day: 0 ",
        "visitors_per_day: -1 ",
        "people.visitors_per_day",
        "you gave -1",
        "from 0 to 5,000,000 persons",
    ),
    # program sections
    "school_holiday_month_13": Case(
        "school_holiday_months: [7, 8]",
        "school_holiday_months: [7, 13]",
        "program.calendar.school_holiday_months.1",
        "school_holiday_months[2] must be between 1 and 12 (months run from 1 to 12); you gave 13",
        "from 1 to 12",
    ),
    "school_holiday_month_0_in_a_block_list": Case(
        "school_holiday_months: [7, 8]",
        "school_holiday_months:\n      - 0\n      - 8",
        "program.calendar.school_holiday_months.0",
        "you gave 0",
        "from 1 to 12",
        at="- 0",
    ),
    "school_holiday_month_as_a_name": Case(
        "school_holiday_months: [7, 8]",
        "school_holiday_months: [July, 8]",
        "program.calendar.school_holiday_months.0",
        "school_holiday_months[1] must be a whole number, not text",
        "'July'",
    ),
    "unknown_key_in_data_centre": Case(
        "    external_gbps: 10 ",
        "    racks: 200\n    external_gbps: 10 ",
        "program.data_centre.racks",
        "unknown field 'racks'",
        "known here: external_gbps, it_load_kw, pue_min",
        at="racks: 200",
    ),
    "typo_in_data_centre": Case(
        "    pue_min: 1.2 ",
        "    pue_minimum: 1.2 ",
        "program.data_centre.pue_minimum",
        "unknown field 'pue_minimum'",
        "did you mean 'pue_min'?",
        n=2,  # and pue_min is missing
    ),
    "pue_below_1": Case(
        "    pue_min: 1.2 ",
        "    pue_min: 0.9 ",
        "program.data_centre.pue_min",
        "pue_min must be between 1 and 3 (PUE is total over IT power",
        "from 1 to 3",
    ),
    "streets_take_all_land": Case(
        "street_share_of_land: 0.30",
        "street_share_of_land: 0.95",
        "program.street_lighting.street_share_of_land",
        "between 0 and 0.6 (UN-Habitat",
        "from 0 to 0.6",
    ),
    "missing_industry": Case(
        "  industry:\n",
        "  industries:\n",
        "program.industry",
        "required field is missing",
        "add `industry:`",
        at="program:",
        n=2,
    ),
    # utilities
    "missing_utilities_section": Case(
        UTILITIES, "", "utilities", "required field is missing", "add `utilities:`", line=1
    ),
    "missing_utilities_field": Case(
        "  bod_g_per_day_visitor: 20 ",
        "  bod_g_per_visitor_day: 20 ",
        "utilities.bod_g_per_day_visitor",
        "required field is missing",
        "add `bod_g_per_day_visitor:`",
        at="utilities:",
        n=2,  # and bod_g_per_visitor_day is unknown
    ),
    "water_loss_share_1": Case(
        "water_network_loss_share: 0.15",
        "water_network_loss_share: 1",
        "utilities.water_network_loss_share",
        "between 0 and 0.8",
        "from 0 to 0.8",
    ),
    # unknown names
    "unknown_technology": Case(
        "technologies:\n",
        "technologies:\n  wind:\n    capex_usd_per_kw: 1500\n",
        "technologies.wind",
        "unknown field 'wind'",
        "known here: battery, genset, island_grid, pv",
        at="  wind:",
    ),
    "typo_latitud": Case(
        "latitude: 21.75",
        "latitud: 21.75",
        "site.latitud",
        "unknown field 'latitud'",
        "did you mean 'latitude'?",
        n=2,  # and site.latitude is missing
    ),
    "typo_in_pv": Case(
        "capex_usd_per_kw: 1200",
        "capex_usd_per_kwp: 1200",
        "technologies.pv.capex_usd_per_kwp",
        "unknown field",
        "did you mean 'capex_usd_per_kw'?",
        n=2,
    ),
    "typo_top_level": Case(
        "finance:", "financ:", "financ", "unknown field 'financ'", "did you mean 'finance'?", n=2
    ),
    "typo_in_island_grid": Case(
        "cut_window_hours: 7",
        "cut_window_hour: 7",
        "technologies.island_grid.cut_window_hour",
        "unknown field",
        "did you mean 'cut_window_hours'?",
        n=2,
    ),
    "unknown_facility_capacity": Case(
        "capacity: {}",
        "capacity: {schol: 800}",
        "program.capacity.schol",
        "unknown facility 'schol'",
        "did you mean 'school'?",
    ),
    "unknown_facility_capacity_block": Case(
        "capacity: {}",
        "capacity:\n    school: 800\n    casino: 8000",
        "program.capacity.casino",
        "unknown facility 'casino'",
        "known: residence, office, laboratory",
        at="casino: 8000",
    ),
    "unknown_facility_critical_share": Case(
        "critical_load_shares: {}",
        "critical_load_shares: {data_center: 1.0}",
        "stress.critical_load_shares.data_center",
        "unknown facility 'data_center'",
        "did you mean 'data_centre'?",
    ),
    "critical_share_above_one": Case(
        "critical_load_shares: {}",
        "critical_load_shares: {office: 1.5}",
        "stress.critical_load_shares.office",
        "1",
    ),
    "critical_load_share_negative": Case(
        "critical_load_share: 0.5 ",
        "critical_load_share: -0.5 ",
        "stress.critical_load_share",
        "0",
    ),
    "unknown_facility_norms": Case(
        "norms: {}",
        "norms: {offices: {floor_m2_per_unit: 12}}",
        "program.norms.offices",
        "unknown facility 'offices'",
        "did you mean 'office'?",
    ),
    "unknown_facility_norms_block": Case(
        "norms: {}",
        "norms:\n    school:\n      floor_m2_per_unit: 9\n    casino:\n      staff_per_unit: 1",
        "program.norms.casino",
        "unknown facility 'casino'",
        "known: residence, office",
        at="casino:",
    ),
    "unknown_norm_parameter": Case(
        "norms: {}",
        "norms: {office: {floor_m2_per_desk: 12}}",
        "program.norms.office.floor_m2_per_desk",
        "unknown numeric norm 'floor_m2_per_desk'",
        "did you mean 'floor_m2_per_unit'?",
    ),
    "unknown_norm_parameter_block": Case(
        "norms: {}",
        "norms:\n    office:\n      floor_m2_per_unit: 12\n      water_l_per_desk_day: 30",
        "program.norms.office.water_l_per_desk_day",
        "unknown numeric norm 'water_l_per_desk_day'",
        "did you mean 'water_l_per_unit_day'?",
        at="water_l_per_desk_day: 30",
    ),
    "text_norm_overridden": Case(  # a schedule is a text norm: not overridable here
        "norms: {}",
        "norms: {office: {schedule: 12}}",
        "program.norms.office.schedule",
        "unknown numeric norm 'schedule'",
        "known: capacity_per_driver, floor_m2_per_unit",
    ),
    "old_floor_area_override": Case(  # demand.floor_area_m2 is gone: program.capacity/norms
        "  scale: 1.0 ",
        "  floor_area_m2: {office: 150000}\n  scale: 1.0 ",
        "demand.floor_area_m2",
        "unknown field 'floor_area_m2'",
        "known here: scale",
        at="floor_area_m2: {office",
    ),
    "numeric_key": Case(
        "  year: 2025",
        "  year: 2025\n  2024: oops",
        "weather.2024",
        "unknown field '2024'",
        "known here",
        at="2024: oops",
    ),
    # missing fields
    "missing_longitude": Case(
        "  longitude: -82.85            # [deg E] source: same\n",
        "",
        "site.longitude",
        "required field is missing",
        "add `longitude:`",
        at="site:",
    ),
    "missing_people_section": Case(
        "people:\n",
        "people_:\n",
        "people",
        "required field is missing",
        "add `people:`",
        line=1,
        n=2,  # a missing top-level section is reported at line 1; and people_ is unknown
    ),
    "missing_weather_year": Case(
        "  year: 2025                   # [-] calendar year the hours are laid on (weekdays); "
        "estimate: any non-leap year\n",
        "",
        "weather.year",
        "required field is missing",
        "add `year:`",
        at="weather:",
    ),
    # relations between fields
    "cut_longer_than_window": Case(
        "cut_hours_per_day: 4 ",
        "cut_hours_per_day: 9 ",
        "technologies.island_grid.cut_hours_per_day",
        "cut_hours_per_day (9) is longer than cut_window_hours (7)",
        "widen the window",
        at="cut_hours_per_day: 9",
    ),
    "weather_file_missing": Case(
        "  source: reference\n",
        "  source: file\n  file: no-such-weather.epw\n",
        "weather.file",
        "weather file not found",
        "relative to the scenario file",
        at="file: no-such-weather",
    ),
    "weather_source_file_without_file": Case(
        "  source: reference\n",
        "  source: file\n",
        "weather.file",
        "no `file` is given",
        "add `file: PATH`",
        at="weather:",
    ),
    "all_sources_disabled": Case(
        "technologies:\n",
        "technologies:\n",
        "technologies",
        "no electricity source",
        "enable",
        at="technologies:",
    ),
}


def _case_text(name: str, case: Case) -> str:
    text = edit(case.old, case.new)
    if name == "nobody_lives_there":
        text = edit("students: 3000", "students: 0", text)
    if name == "all_sources_disabled":
        for tech in ("pv", "genset", "island_grid"):
            text = edit(f"  {tech}:\n    enabled: true", f"  {tech}:\n    enabled: false", text)
    return text


@pytest.mark.parametrize("name", list(CASES))
def test_bad_value_is_reported_with_line_and_hint(name: str) -> None:
    case = CASES[name]
    text = _case_text(name, case)
    problems = problems_of(text)
    assert len(problems) == case.n, "\n".join(map(str, problems))
    p = find(problems, case.path)
    assert case.message in p.message
    assert case.hint in p.hint
    if case.line is not None:
        assert p.line == case.line, p
    else:
        marker = case.at if case.at is not None else case.new.splitlines()[0].strip()
        assert p.line == line_with(text, marker), p


def test_typo_also_reports_the_missing_field_at_its_section() -> None:
    text = edit("latitude: 21.75", "latitud: 21.75")
    problems = problems_of(text)
    missing = find(problems, "site.latitude")
    assert missing.message == "required field is missing"
    assert missing.line == line_with(text, "site:")
    assert find(problems, "site.latitud").line == line_with(text, "latitud: 21.75")


def test_weather_file_is_resolved_next_to_the_scenario(tmp_path: Path) -> None:
    text = edit("  source: reference\n", "  source: file\n  file: weather/site.csv\n")
    scenario = tmp_path / "town.yaml"
    scenario.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(scenario)
    p = only(info.value.problems)
    assert p.path == "weather.file"
    assert str(tmp_path / "weather" / "site.csv") in p.message
    assert p.line == line_with(text, "file: weather/site.csv")
    # once the file exists its content is read and checked, at load time
    (tmp_path / "weather").mkdir()
    (tmp_path / "weather" / "site.csv").write_text("")
    with pytest.raises(ScenarioError) as info:
        load_scenario(scenario)
    p = only(info.value.problems)
    assert p.path == "weather.file" and "cannot read it as tmy3" in p.message
    assert p.line == line_with(text, "file: weather/site.csv")
    # a whole, well-formed year passes
    shutil.copy(TMY3, tmp_path / "weather" / "site.csv")
    assert load_scenario(scenario).scenario.weather.file == Path("weather/site.csv")


def test_weather_file_that_is_a_directory_is_not_a_weather_file(tmp_path: Path) -> None:
    text = edit("  source: reference\n", f"  source: file\n  file: {tmp_path}\n")
    p = only(problems_of(text))
    assert p.path == "weather.file" and "not found" in p.message


# ---------------------------------------------------------------- several problems at once

# (old, new, path of the problem, fragment of the line it must point at); the edits keep every
# line of the default where it is, except `wind`, which adds two lines near the end.
MULTI_EDITS = [
    ("  latitude: 21.75  ", "  latitude: north  ", "site.latitude", "latitude: north"),
    ("  altitude_m: 10  ", "  altitud_m: 10   ", "site.altitud_m", "altitud_m: 10"),
    ("", "", "site.altitude_m", "site:"),  # missing, because of the typo above
    (
        "  # clear-sky-index transfer. 'file': give `file:` (EPW, TMY3 or PVGIS TMY) and "
        "optionally `format:`.\n  source: reference\n",
        "  file: no-such-weather.epw\n  source: file\n",
        "weather.file",
        "no-such-weather.epw",
    ),
    ("  students: 3000  ", "  students: -3000 ", "people.students", "students: -3000"),
    (
        "      age_7_17: 0.4 ",
        "      age_7_17: 0.5 ",
        "people.households.child_age_shares",
        "child_age_shares:",
    ),
    (
        "  norms: {}\n",
        "  norms: {office: {floor_m2_per_desk: 12}}   # [m2/desk] estimate\n",
        "program.norms.office.floor_m2_per_desk",
        "floor_m2_per_desk: 12",
    ),
    (
        "  capacity: {}\n",
        "  capacity: {schools: 800}   # [places] estimate\n",
        "program.capacity.schools",
        "{schools: 800}",
    ),
    (
        "    azimuth_deg: 180  ",
        "    azimuth_deg: 400  ",
        "technologies.pv.azimuth_deg",
        "azimuth_deg: 400",
    ),
    (
        "    cut_hours_per_day: 4  ",
        "    cut_hours_per_day: 8  ",
        "technologies.island_grid.cut_hours_per_day",
        "cut_hours_per_day: 8",
    ),
    (
        "    cut_window_hours: 7              # [h] source: same (21:00 to 04:00)\n",
        "    cut_window_hours: 7              # [h] source: same (21:00 to 04:00)\n"
        "  wind:\n    capex_usd_per_kw: 1500           # [USD/kW] estimate\n",
        "technologies.wind",
        "  wind:",
    ),
    (
        "  value_of_lost_load_usd_per_kwh: 10 ",
        '  value_of_lost_load_usd_per_kwh: "ten" ',
        "finance.value_of_lost_load_usd_per_kwh",
        '"ten"',
    ),
]


def multi_problem_text(default: str = DEFAULT) -> str:
    text = default
    for old, new, _, _ in MULTI_EDITS:
        if old:
            text = edit(old, new, text)
    return text


def _assert_multi_problem_report(err: ScenarioError, text: str, where: Path | str) -> None:
    check_invariants(err, text)
    by_path = {p.path: p for p in err.problems}
    assert set(by_path) == {path for _, _, path, _ in MULTI_EDITS}
    assert len(err.problems) == len(MULTI_EDITS) == 12
    for _, _, path, marker in MULTI_EDITS:
        assert by_path[path].line == line_with(text, marker), by_path[path]
    assert "did you mean 'altitude_m'?" in by_path["site.altitud_m"].hint
    assert "did you mean 'school'?" in by_path["program.capacity.schools"].hint
    assert "did you mean 'floor_m2_per_unit'?" in (
        by_path["program.norms.office.floor_m2_per_desk"].hint
    )
    assert "add up to 1.1000" in by_path["people.households.child_age_shares"].message
    assert "no-such-weather.epw" in by_path["weather.file"].message
    assert "cut_hours_per_day (8)" in by_path["technologies.island_grid.cut_hours_per_day"].message
    assert "known here: battery, genset, island_grid, pv" in by_path["technologies.wind"].hint
    assert "'ten'" in by_path["finance.value_of_lost_load_usd_per_kwh"].hint
    report = str(err)
    assert report.startswith(f"{where}: 12 problems found\n")
    for p in err.problems:
        assert f"{where}:{p.line}: {p.path}:" in report


def test_every_problem_of_a_file_is_reported_at_once() -> None:
    """broken/multi_problem.yaml: twelve problems, schema and cross-field, each at its own line."""
    path = BROKEN / "multi_problem.yaml"
    text = path.read_text(encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    err = info.value
    # the lines as written in the shipped file
    assert {p.path: p.line for p in err.problems} == {
        "site.altitude_m": 8,  # missing: reported at its section
        "site.latitude": 10,  # latitude: north
        "site.altitud_m": 12,  # typo
        "weather.file": 17,  # no-such-weather.epw
        "people.students": 23,  # -3000
        "people.households.child_age_shares": 32,  # age_7_17 0.5: the shares add up to 1.1
        "program.norms.office.floor_m2_per_desk": 61,  # unknown norm parameter
        "program.capacity.schools": 62,  # unknown facility
        "technologies.pv.azimuth_deg": 117,  # 400 deg
        "technologies.island_grid.cut_hours_per_day": 144,  # 8 h cut in a 7 h window
        "technologies.wind": 147,  # unknown technology
        "finance.value_of_lost_load_usd_per_kwh": 152,  # "ten"
    }
    _assert_multi_problem_report(err, text, path)
    weather = next(p for p in err.problems if p.path == "weather.file")
    assert str(BROKEN / "no-such-weather.epw") in weather.message  # next to the scenario file


def test_every_problem_of_the_current_default_edited_is_reported_at_once() -> None:
    """The same twelve edits made on the packaged default as it is now."""
    text = multi_problem_text()
    with pytest.raises(ScenarioError) as info:
        parse_scenario(text, FILE)
    _assert_multi_problem_report(info.value, text, FILE)


def test_problems_of_independent_edits_add_up() -> None:
    """Single-problem edits together give exactly their problems, lines unchanged."""
    names = [
        "negative_students",
        "age_shares_above_1",
        "negative_commuters",
        "unknown_norm_parameter",
        "negative_capacity_quoted",
        "school_holiday_month_13",
        "cut_longer_than_window",
    ]
    text = DEFAULT
    for name in names:
        text = edit(CASES[name].old, CASES[name].new, text)
    problems = problems_of(text)
    assert [(p.path, p.line) for p in problems] == [
        ("people.students", line_with(text, "students: -3000")),
        ("people.households.child_age_shares", line_with(text, "child_age_shares:")),
        ("people.commuters", line_with(text, "commuters: -40")),
        ("program.norms.office.floor_m2_per_desk", line_with(text, "floor_m2_per_desk")),
        ("program.capacity.school", line_with(text, "capacity: {school: '-5'}")),
        ("program.calendar.school_holiday_months.1", line_with(text, "[7, 13]")),
        ("technologies.island_grid.cut_hours_per_day", line_with(text, "cut_hours_per_day: 9")),
    ]


# ---------------------------------------------------------------- not YAML, or not a scenario


@dataclass(frozen=True)
class Malformed:
    old: str
    new: str
    at: str  # fragment of the line the problem must point at
    hint: str


MALFORMED = {
    "indented_too_far": Malformed(
        "  longitude: -82.85", "   longitude: -82.85", "   longitude", "indentation"
    ),
    "indented_too_little": Malformed(
        "  longitude: -82.85", " longitude: -82.85", " longitude", "indentation"
    ),
    "tab_indent": Malformed(
        "  longitude: -82.85", "\tlongitude: -82.85", "\tlongitude", "indentation"
    ),
    "missing_colon": Malformed("  latitude: 21.75", "  latitude 21.75", "latitude 21.75", "colons"),
    "unclosed_double_quote": Malformed(
        "name: Cayo Digital", 'name: "Cayo Digital', '"Cayo Digital', "never closed"
    ),
    "unclosed_double_quote_nested": Malformed(
        "  name: Isla de la Juventud, Cuba",
        '  name: "Isla de la Juventud, Cuba',
        '"Isla',
        "never closed",
    ),
    # the scanner runs on to the apostrophe in "pvlib's" and fails there; the hint names both
    "unclosed_single_quote": Malformed(
        "name: Cayo Digital", "name: 'Cayo Digital", "'Cayo Digital", "parser stopped at line 16"
    ),
    "unclosed_flow_mapping": Malformed(
        "capacity: {}", "capacity: {school: 801", "{school: 801", "brackets"
    ),
    "unclosed_nested_flow_mapping": Malformed(
        "norms: {}", "norms: {office: {floor_m2_per_unit: 13}", "per_unit: 13}", "brackets"
    ),
    "unclosed_flow_sequence": Malformed("capacity: {}", "capacity: [school", "[school", "brackets"),
    "unclosed_flow_list_of_months": Malformed(
        "school_holiday_months: [7, 8]", "school_holiday_months: [7, 8", "[7, 8", "brackets"
    ),
    "duplicate_key": Malformed(
        "  commuters: 0", "  students: 100\n  commuters: 0", "students: 100", "twice"
    ),
    "duplicate_top_level_key": Malformed(
        "seed: 20261129", "seed: 1\nseed: 20261129", "seed: 2026", "twice"
    ),
    "duplicate_section": Malformed(
        "finance:\n", "site:\n  name: again\nfinance:\n", "site:\n", "twice"
    ),
    "second_document": Malformed("finance:\n", "---\nfinance:\n", "---", "indentation"),
}


@pytest.mark.parametrize("name", list(MALFORMED))
def test_malformed_yaml_points_at_the_line(name: str) -> None:
    case = MALFORMED[name]
    text = edit(case.old, case.new)
    p = only(problems_of(text))
    assert p.path == ""
    assert p.message.startswith("malformed YAML")
    assert case.hint in p.hint
    if name == "duplicate_section":  # the second `site:`, after the first one
        expected = [n for n, line in enumerate(text.splitlines(), start=1) if line == "site:"][1]
    else:
        expected = line_with(text, case.at)
    assert p.line == expected, p


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("\n\n   \n", "the file is empty"),
        ("# only a comment\n", "the file is empty"),
        ("# one\n\n   # two, indented\n#three", "the file is empty"),
        ("- name: Cayo Digital\n- seed: 1\n", "the top level is a list, not a mapping"),
        ("[1, 2, 3]\n", "the top level is a list, not a mapping"),
        ("Cayo Digital\n", "the top level is a single value, not a mapping"),
        ("42\n", "the top level is a single value, not a mapping"),
        ("---\n", "the top level is empty, not a mapping"),
        ("~\n", "the top level is empty, not a mapping"),
    ],
)
def test_not_a_scenario_at_all(text: str, message: str) -> None:
    p = only(problems_of(text))
    assert p.message == message
    assert p.path == ""


def test_yaml_merge_keys_are_followed_for_line_numbers() -> None:
    """A bad value that arrives through `<<:` points at the line where it is written."""
    text = edit(
        "  battery:\n    enabled: true\n",
        "  battery:\n    <<: {enabled: true, lifetime_yr: -15}\n",
    )
    text = edit(
        "    lifetime_yr: 15                  # [yr] estimate: Li-ion calendar life\n", "", text
    )
    p = only(problems_of(text))
    assert p.path == "technologies.battery.lifetime_yr"
    assert p.line == line_with(text, "lifetime_yr: -15")


# ---------------------------------------------------------------- shipped broken files


# name: (line, fragment of the message, fragment of the hint)
SHIPPED = {
    "empty.yaml": (None, "the file is empty", "cayo init"),
    "only_comments.yaml": (None, "the file is empty", "cayo init"),
    "top_level_list.yaml": (1, "the top level is a list", "key: value"),
    "bad_indentation.yaml": (11, "malformed YAML", "indentation"),
    # the quoted scalar runs on to the next `"` (a comment on line 41) and the parser stops on
    # line 42; the problem still points at the opening quote
    "unclosed_quote.yaml": (
        9,
        "malformed YAML",
        "the quote opened on this line is never closed (the parser stopped at line 65)",
    ),
    "duplicate_key.yaml": (53, 'found duplicate key "students"', "appears twice"),
}


@pytest.mark.parametrize("name", list(SHIPPED))
def test_shipped_broken_file(name: str) -> None:
    line, message, hint = SHIPPED[name]
    path = BROKEN / name
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    check_invariants(info.value, path.read_text(encoding="utf-8"))
    p = only(info.value.problems)
    assert p.line == line
    assert message in p.message
    assert hint in p.hint
    assert str(info.value).startswith(
        f"{path}: 1 problem found\n{path}{':' + str(line) if line else ''}:"
    )


def test_every_shipped_broken_file_is_tested() -> None:
    assert {p.name for p in BROKEN.glob("*.yaml")} == set(SHIPPED) | {"multi_problem.yaml"}


@pytest.mark.parametrize(
    "name",
    ["multi_problem.yaml", "bad_indentation.yaml", "unclosed_quote.yaml", "duplicate_key.yaml"],
)
def test_shipped_copies_stay_small_edits_of_the_default(name: str) -> None:
    """The copies differ from the default in a few lines; running this file rewrites them."""
    broken = (BROKEN / name).read_text(encoding="utf-8").splitlines()
    default = DEFAULT.splitlines()
    changed = [
        line
        for line in difflib.unified_diff(default, broken, lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert len(changed) <= 2 + 2 * len(MULTI_EDITS) + 4, "\n".join(changed)


# ---------------------------------------------------------------- files that cannot be read


def test_missing_scenario_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.yaml"
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    p = only(info.value.problems)
    assert p.message == "file not found" and p.line is None and p.hint


def test_scenario_path_is_a_directory(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as info:
        load_scenario(tmp_path)
    p = only(info.value.problems)
    assert "cannot read the file" in p.message and p.hint


def test_scenario_file_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(DEFAULT.replace("Cayo Digital", "Cayo Digitál").encode("latin-1"))
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    p = only(info.value.problems)
    assert "cannot read the file" in p.message and "UTF-8" in p.hint


def test_scenario_path_with_a_nul_byte() -> None:
    with pytest.raises(ScenarioError) as info:
        load_scenario("town\0.yaml")
    assert only(info.value.problems).hint


# ---------------------------------------------------------------- robustness


@pytest.mark.parametrize(
    "new",
    [
        "latitude: !custom 21.75",
        "latitude: [21.75]",
        "latitude: {deg: 21.75}",
        "latitude: ",
        "latitude: null",
        "latitude: true",
        "latitude: 0x15",
        "latitude: &lat 21.75\n  lat_again: *lat",
        "latitude: 21.75\n  [a, b]: complex key",
        "latitude: 21.75\n  ~: null key",
    ],
)
def test_odd_yaml_values_give_a_scenario_error_never_a_crash(new: str) -> None:
    text = edit("latitude: 21.75", new)
    try:
        parse_scenario(text, FILE)
    except ScenarioError as err:
        check_invariants(err, text)
        assert all(p.line is not None for p in err.problems)
    else:
        # hex 0x15 = 21 is a number YAML allows and a valid latitude; `true` is not a number
        assert new == "latitude: 0x15"


def test_huge_and_non_finite_values_never_load() -> None:
    """No 1e30, 1e400 (inf) or .nan slips through into a validated scenario."""
    keys = ["specialists: 12000", "land_ha: 60", "max_import_kw: 2000", "discount_rate: 0.08"]
    for key in keys:
        name, _, _ = key.partition(":")
        for bad in ("1e30", "1e400", "-1e400", ".nan", ".inf"):
            text = edit(key, f"{name}: {bad}")
            problems = problems_of(text)
            assert [p.line for p in problems] == [line_with(text, f"{name}: {bad}")], (key, bad)
    assert math.isfinite(load_scenario().scenario.technologies.pv.land_ha)


@pytest.mark.parametrize("bad", ["1e30", "1e400", "-1e400", ".nan", ".inf", "-1", "'1e400'"])
@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ("capacity: {}", "capacity: {{school: {}}}", "program.capacity.school"),
        ("capacity: {}", "capacity:\n    data_centre: {}", "program.capacity.data_centre"),
        ("norms: {}", "norms: {{pool: {{water_l_per_unit_day: {}}}}}", "program.norms.pool."),
        ("norms: {}", "norms:\n    school:\n      units_per_facility: {}", "program.norms.school."),
    ],
)
def test_huge_negative_and_non_finite_program_values_never_load(
    old: str, new: str, path: str, bad: str
) -> None:
    """The program's free-form maps get the same guard as the schema's fields: one problem."""
    text = edit(old, new.format(bad))
    p = only(problems_of(text))
    assert p.path.startswith(path)
    assert re.search(
        r"out of range|must be between|must be a finite number|must be a number", p.message
    )
    assert p.line == line_with(text, f": {bad}")


@pytest.mark.parametrize(
    "new",
    [
        "capacity: {~: 5}",
        "capacity: {2024: 5}",
        "capacity: {[a, b]: 1}",
        "capacity: {school: ~}",
        "capacity: {school: [800]}",
        "capacity: {school: 2025-01-01}",
        "capacity: {school: !!binary aGVsbG8=}",
        "capacity: ~",
        "capacity: 800",
        "capacity: {school: 1" + "0" * 400 + "}",
        "norms: ~",
        "norms: [office]",
        "norms: {~: {floor_m2_per_unit: 1}}",
        "norms: {office: [1]}",
        "norms: {office: {~: 1}}",
        "norms: {office: {12: 1}}",
        "norms: {office: {floor_m2_per_unit: ~}}",
        "norms: {office: {schedule: office}}",
        "norms: {offices: {floor_m2_per_desk: -1}}",
    ],
)
def test_odd_program_values_give_a_scenario_error_never_a_crash(new: str) -> None:
    key = new.partition(":")[0]
    text = edit(f"{key}: {{}}", new)
    problems = problems_of(text)
    assert all(p.path.startswith(f"program.{key}") for p in problems), problems
    assert {p.line for p in problems} == {line_with(text, new)}


def test_accepted_program_oddities() -> None:
    """What the loader lets through on purpose: YAML's own numbers (hex, underscores, an
    integer where a float is expected) and no holidays."""
    text = edit("capacity: {}", "capacity: {school: 0x20, daycare: 1_000, pool: 5}")
    text = edit("norms: {}", "norms: {office: {floor_m2_per_unit: 12}}", text)
    text = edit("school_holiday_months: [7, 8]", "school_holiday_months: []", text)
    program = parse_scenario(text, FILE).program
    assert program.capacity == {"school": 32.0, "daycare": 1000.0, "pool": 5.0}
    assert program.norms == {"office": {"floor_m2_per_unit": 12.0}}
    assert program.calendar.school_holiday_months == []


@pytest.mark.parametrize("value", ["'800'", '"1_000"', "' 5 '", "true", "false", "'1e3'"])
def test_quoted_numbers_and_booleans_are_never_numbers(value: str) -> None:
    """Strings and booleans are refused where a number belongs, in the schema's fields and in
    the program's free-form maps alike (before, `true` was read as 1 and '800' as 800)."""
    for old, new, path in [
        ("capacity: {}", f"capacity: {{school: {value}}}", "program.capacity.school"),
        ("land_ha: 60", f"land_ha: {value}", "technologies.pv.land_ha"),
        ("  specialists: 12000", f"  specialists: {value}", "people.specialists"),
    ]:
        text = edit(old, new)
        p = only(problems_of(text))
        assert p.path == path
        assert re.search(r"must be a (whole )?number, not (text|true/false)", p.message), p
        assert p.line == line_with(text, new.strip())


def test_crlf_line_endings_keep_line_numbers() -> None:
    text = edit("latitude: 21.75", "latitude: 121.75")
    p = only(problems_of(text.replace("\n", "\r\n")))
    assert p.line == line_with(text, "latitude: 121.75")


# ---------------------------------------------------------------- guards on the YAML itself


def test_limits_leave_room_for_real_scenarios() -> None:
    """The default is far inside every limit of the reader."""
    assert len(DEFAULT.encode()) * 10 < io.MAX_BYTES
    assert DEFAULT.count("\n") * 5 < io.MAX_LINES


def test_anchors_aliases_and_merge_keys_within_the_limits_are_accepted() -> None:
    """Reuse through anchors is legal YAML and stays allowed: the regular hurricane's damage
    reused for the intense one, and a merge key."""
    start = DEFAULT.index("    regular:\n")
    end = DEFAULT.index("    intense:\n")
    block_end = DEFAULT.index("  link_repair_mean_hours:")
    text = (
        DEFAULT[:start]
        + DEFAULT[start:end].replace("    regular:\n", "    regular: &damage\n", 1)
        + "    intense: *damage\n"
        + DEFAULT[block_end:]
    )
    s = parse_scenario(text, FILE)
    assert s.stress.hurricanes.intense == s.stress.hurricanes.regular
    merged = edit("  battery:\n    enabled: true\n", "  battery:\n    <<: {enabled: true}\n")
    assert parse_scenario(merged, FILE).technologies.battery.enabled


@pytest.mark.parametrize(
    ("extra", "line_of_problem", "message"),
    [
        ("a: " + "[" * 13 + "]" * 13, 0, "nested more than 12 levels deep"),
        ("".join(f"{'  ' * i}k{i}:\n" for i in range(14)) + "  " * 14 + "x: 1", 12, "nested"),
        ("x: !!python/object/apply:os.system ['true']", 0, "YAML tag '!!python/object/apply"),
        ("a: &a [1]\nb: [" + ", ".join(["*a"] * 101) + "]", 1, "more than 100 aliases"),
        ("a: &a [*a]", 0, "an endless loop"),
        ("x: [" + "1, " * 3000 + "1]", 0, "more than 3,000 YAML values"),
    ],
)
def test_yaml_guards_point_at_the_line(extra: str, line_of_problem: int, message: str) -> None:
    """Each guard stops at the line where the limit is passed (0 = the first added line)."""
    text = DEFAULT + extra + "\n"
    problems = problems_of(text)
    p = next(p for p in problems if message in p.message)
    assert p.line == DEFAULT.count("\n") + 1 + line_of_problem, p


def test_a_tag_is_reported_where_it_is_and_the_rest_is_still_checked() -> None:
    text = edit("latitude: 21.75", "latitude: !!float 21.75")
    text = edit("students: 3000", "students: -3", text)
    problems = problems_of(text)
    assert [(p.path, p.line) for p in problems] == [
        ("site.latitude", line_with(text, "!!float")),
        ("site.latitude", line_with(text, "!!float")),  # read as the text '21.75'
        ("people.students", line_with(text, "students: -3")),
    ]
    assert "YAML tag '!!float'" in problems[0].message


@pytest.mark.parametrize("size", [io.MAX_BYTES + 1, 50 * 1024 * 1024])
def test_a_file_too_large_is_refused_unread(tmp_path: Path, size: int) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(DEFAULT + "#" * (size - len(DEFAULT.encode())), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    p = only(info.value.problems)
    assert "a scenario may be at most 512 KiB" in p.message
    assert p.line == DEFAULT.count("\n") + 1  # the long comment line
    assert "weather file" in p.hint


def test_too_many_lines() -> None:
    p = only(problems_of(DEFAULT + "\n" * io.MAX_LINES))
    assert "at most 3,000" in p.message and p.line == io.MAX_LINES + 1


@pytest.mark.parametrize(
    ("bad", "column"),
    [("\0", 11), ("\x07", 11), ("\x1b", 11), ("\ufffe", 11)],
)
def test_control_characters_are_named_with_line_and_column(bad: str, column: int) -> None:
    text = edit("name: Cayo Digital", f"name: Cayo{bad}Digital")
    p = only(problems_of(text))
    assert p.line == line_with(text, "name: Cayo") and f"column {column}" in p.message


def test_parse_scenario_given_bytes_or_something_else() -> None:
    assert parse_scenario(DEFAULT.encode("utf-8")) == load_scenario().scenario
    with pytest.raises(ScenarioError, match="not UTF-8"):
        parse_scenario(DEFAULT.encode("latin-1").replace(b"Cayo", b"Cay\xf3"))
    with pytest.raises(ScenarioError, match="expected the YAML text"):
        parse_scenario(42)  # type: ignore[arg-type]


def test_unreadable_scenario_files(tmp_path: Path) -> None:
    """No permission (simulated: the tests run as root), a UTF-16 file, a NUL in the path."""
    path = tmp_path / "town.yaml"
    path.write_text(DEFAULT, encoding="utf-8")
    real = Path.open

    def deny(self: Path, *args: object, **kwargs: object) -> object:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    with mock.patch.object(Path, "open", deny), pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert "no permission" in only(info.value.problems).message
    path.write_bytes(DEFAULT.encode("utf-16"))
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    p = only(info.value.problems)
    assert "not UTF-8" in p.message and "UTF-16" in p.hint and p.line == 1


def test_the_resolved_scenario_round_trips_through_json() -> None:
    """Strict types still read scenario.resolved.json back (paths, month keys as strings)."""
    s = load_scenario().scenario
    assert Scenario.model_validate_json(s.model_dump_json()) == s
    text = edit("  source: reference\n", "  source: file\n  file: weather/site.csv\n")
    with pytest.raises(ScenarioError):  # the file is missing, but the schema is satisfied
        parse_scenario(text, FILE)
    w = s.weather.model_copy(update={"source": "file", "file": Path("w.epw")})
    assert type(w).model_validate_json(w.model_dump_json()) == w


def test_initial_specialists_above_the_target_is_refused() -> None:
    """Before, 300,100 initial specialists for a target of 12,000 was planned as '300100 %'."""
    text = edit("initial_specialists: 300 ", "initial_specialists: 300100 ")
    p = only(problems_of(text))
    assert p.path == "workforce.initial_specialists"
    assert "initial_specialists (300,100) exceeds the town's target of 12,000" in p.message
    assert p.line == line_with(text, "initial_specialists: 300100")


def test_household_size_message_gives_the_range_and_its_reason() -> None:
    text = edit("single_household_size: 1.5 ", "single_household_size: 0.0001 ")
    p = only(problems_of(text))
    assert p.message == (
        "single_household_size must be between 1 and 6 persons per dwelling (a dwelling holds "
        "at least one person; national averages run from about 2 (northern Europe) to about 8 "
        "(Senegal) in the UN Database on Household Size and Composition 2019); you gave 0.0001"
    )
    assert p.hint.startswith("use a value from 1 to 6 persons per dwelling")


def test_every_ranged_field_says_why() -> None:
    """Every number of the schema has both ends of a range, a unit (or none) and a reason."""
    missing = []

    def walk(model: type, path: str) -> None:
        for name, info in model.model_fields.items():
            ann, meta, extra = io._unwrap(info.annotation)
            meta = list(info.metadata) + meta
            if isinstance(ann, type) and issubclass(ann, BaseModel):
                walk(ann, f"{path}{name}.")
            elif ann in (int, float):
                spec = io.field_spec(tuple(f"{path}{name}".split(".")))
                assert spec is not None
                if io._bounds(spec[0]) is None or not spec[1].get("why"):
                    missing.append(f"{path}{name}")

    walk(Scenario, "")
    assert not missing, missing


def range_table() -> list[str]:
    """The rows of docs/scenario-validation.md's range table, from the schema."""
    rows = []

    def walk(model: type[BaseModel], path: str) -> None:
        for name, info in model.model_fields.items():
            ann, _, _ = io._unwrap(info.annotation)
            if isinstance(ann, type) and issubclass(ann, BaseModel):
                walk(ann, f"{path}{name}.")
                continue
            spec = io.field_spec(tuple(f"{path}{name}".split(".")))
            bounds = io._bounds(spec[0]) if spec else None
            if spec and bounds:
                rows.append((f"{path}{name}", bounds[1], spec[1]["unit"], spec[1]["why"]))
                continue
            for item in typing.get_args(ann):  # a list's or a mapping's items
                _, meta, extra = io._unwrap(item)
                if io._bounds(meta):
                    rows.append(
                        (f"{path}{name} (each)", io._bounds(meta)[1], extra["unit"], extra["why"])
                    )

    walk(Scenario, "")
    return [f"| `{f}` | {allowed} | {unit} | {why} |" for f, allowed, unit, why in rows]


def test_the_documented_ranges_are_the_schema_ranges() -> None:
    doc = (Path(__file__).parents[2] / "docs" / "scenario-validation.md").read_text()
    table = doc[doc.index("| field | allowed | unit | reason |") :].splitlines()[2:]
    assert [row for row in table if row.startswith("|")] == range_table()


# ---------------------------------------------------------------- regenerating broken/

HEADER = "# BROKEN ON PURPOSE: test input for tests/scenario/test_errors.py ({}).\n"


def _copies(default: str = DEFAULT) -> dict[str, str]:
    """The shipped copies of the default, each with its header in place of line 1."""
    copies = {
        "multi_problem.yaml": ("twelve problems in one file", multi_problem_text(default)),
        "bad_indentation.yaml": (
            "longitude indented one space too far",
            edit("  longitude: -82.85", "   longitude: -82.85", default),
        ),
        "unclosed_quote.yaml": (
            "the site name opens a double quote and never closes it",
            edit(
                "  name: Isla de la Juventud, Cuba", '  name: "Isla de la Juventud, Cuba', default
            ),
        ),
        "duplicate_key.yaml": (
            "people.students given twice",
            edit(
                "  commuters: 0  ",
                "  students: 4000               # [persons] BROKEN ON PURPOSE: students again\n"
                "  commuters: 0  ",
                default,
            ),
        ),
    }
    out = {}
    for name, (what, text) in copies.items():
        lines = text.splitlines(keepends=True)
        lines[0] = HEADER.format(what)  # keeps every other line number of the default
        out[name] = "".join(lines)
    return out


if __name__ == "__main__":  # python tests/scenario/test_errors.py: rewrite the copies in broken/
    for name, text in _copies().items():
        (BROKEN / name).write_text(text, encoding="utf-8")
        print(f"wrote {BROKEN / name}; check the line numbers asserted for it")
