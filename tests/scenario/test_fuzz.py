"""Property test: random mutations of the default scenario never crash the loader, and what it
accepts gives finite, non-negative program and demand figures.

A mutant is the default text with one to three edits: a value replaced by a YAML value of a
random type (huge, tiny, negative, ``.nan``/``.inf``, booleans, text, lists, mappings, nulls,
dates, tags), a key deleted (with its block), or an unknown key added. The loader must either
refuse it with a `ScenarioError` whose every problem names a path or a line, or return a
Scenario; then `build_program` and `town_demand` (the cheap stages before the LP, which is not
run here) must give finite, non-negative numbers.
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from cayo.demand.town import town_demand
from cayo.errors import CayoError, ScenarioError
from cayo.program import build_program
from cayo.scenario.io import default_scenario_text, parse_scenario
from cayo.scenario.schema import Scenario
from cayo.weather import WeatherYear, weather_for

pytestmark = pytest.mark.slow  # hypothesis mutates the default scenario a few hundred times

DEFAULT = default_scenario_text()
LINES = DEFAULT.splitlines(keepends=True)


def _keys(node: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], int, bool]]:
    """(path, 0-based line, is a block section) of every mapping key of the default."""
    out = []
    if isinstance(node, CommentedMap):
        for key, value in node.items():
            line = int(node.lc.key(key)[0])
            block = (
                isinstance(value, CommentedMap | list)
                and not getattr(getattr(value, "fa", None), "flow_style", lambda: False)()
            )
            out.append(((*path, str(key)), line, bool(block)))
            out += _keys(value, (*path, str(key)))
    return out


KEYS = _keys(YAML(typ="rt").load(DEFAULT))
LEAVES = [(path, line) for path, line, block in KEYS if not block]
NUMBERS = [
    (path, line)
    for path, line in LEAVES
    if re.fullmatch(
        r"-?\d+(\.\d*)?", LINES[line].partition(f"{path[-1]}:")[2].split("#")[0].strip()
    )
]

SPECIAL = [
    ".nan", ".inf", "-.inf", ".NaN", "1e400", "-1e400", "1e30", "-1e30", "1e-30", "0.0001",
    "0", "-0", "-1", "0x1F", "0o17", "1_000", "true", "false", "yes", "no", "~", "null", "",
    "''", '""', "[]", "{}", "[1, 2]", "{a: 1}", "[.nan]", "2025-01-01", "2025-01-01T10:00:00",
    "'12'", '"3.5"', "!!str 5", "!!float 1", "!custom x", "&a 1", "99999999999999999999999",
    "reference", "file", "N+1", "Tier III", "data_centre", "[data_centre]", "{9: 1.0}",
]  # fmt: skip
VALUES = st.one_of(
    st.sampled_from(SPECIAL),
    st.integers(-(10**15), 10**15).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.floats(min_value=-2.0, max_value=2.0).map(lambda x: f"{x:.3f}"),
    st.text(alphabet="abcxyz _-019.", max_size=8).map(lambda s: f'"{s}"'),
)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _block_end(lines: list[str], start: int) -> int:
    """Index after the block that starts with the key on line `start`."""
    own = _indent(lines[start])
    end = start + 1
    while end < len(lines) and (
        not lines[end].strip()
        or lines[end].lstrip().startswith("#")
        or _indent(lines[end]) > own
        or lines[end].lstrip().startswith("- ")
        and _indent(lines[end]) >= own
        and own > 0
    ):
        end += 1
    return end


@st.composite
def mutants(draw: st.DrawFn) -> str:
    lines = list(LINES)
    shift: dict[int, int] = {}  # original line → current line, after earlier edits

    def now(line: int) -> int:
        return line + sum(d for at, d in shift.items() if at <= line)

    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["scale", "scale", "replace", "replace", "delete", "add"]))
        if kind == "scale":  # a plausible change: most of these mutants are accepted
            path, line = draw(st.sampled_from(NUMBERS))
            i = now(line)
            if not 0 <= i < len(lines):
                continue
            head, sep, rest = lines[i].partition(f"{path[-1]}:")
            value, hash_, comment = rest.partition("#")
            number = float(value) * draw(st.sampled_from([0.0, 0.1, 0.5, 0.9, 1.1, 2.0, 10.0]))
            text = str(int(number)) if value.strip().lstrip("-").isdigit() else repr(number)
            lines[i] = f"{head}{sep} {text}  {hash_}{comment}" if hash_ else f"{head}{sep} {text}\n"
        elif kind == "replace":
            path, line = draw(st.sampled_from(LEAVES))
            i = now(line)
            if not 0 <= i < len(lines):  # inside a block deleted before
                continue
            key = path[-1]
            head, sep, rest = lines[i].partition(f"{key}:")
            if not sep:
                continue
            comment = rest[rest.find("#") :] if "#" in rest else ""
            value = draw(VALUES)
            lines[i] = f"{head}{key}: {value}" + (f"  {comment}" if comment else "\n")
            if not lines[i].endswith("\n"):
                lines[i] += "\n"
        elif kind == "delete":
            path, line, _ = draw(st.sampled_from(KEYS))
            i = now(line)
            if not 0 <= i < len(lines):
                continue
            end = _block_end(lines, i)
            del lines[i:end]
            shift[line + 1] = shift.get(line + 1, 0) - (end - i)
        else:
            path, line, _ = draw(st.sampled_from(KEYS))
            i = now(line)
            if not 0 <= i < len(lines):
                continue
            name = draw(st.sampled_from(["unknown", "extra_kw", "notes", "Capex", "x1"]))
            lines.insert(i, " " * _indent(lines[i]) + f"{name}: {draw(VALUES)}\n")
            shift[line] = shift.get(line, 0) + 1
    return "".join(lines)


_WEATHER: dict[tuple[Any, ...], WeatherYear] = {}


def weather_of(s: Scenario) -> WeatherYear:
    """The scenario's weather year, computed once per site and year (pvlib takes seconds)."""
    key = (s.site, s.weather)
    if key not in _WEATHER:
        _WEATHER[key] = weather_for(s)
    return _WEATHER[key]


def _finite_non_negative(values: np.ndarray, what: str) -> None:
    assert np.isfinite(values).all(), f"{what}: not finite"
    assert (values >= 0).all(), f"{what}: negative {values[values < 0][:5]}"


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutants())
def test_mutants_load_cleanly_or_are_refused_cleanly(text: str) -> None:
    try:
        scenario = parse_scenario(text, "mutant.yaml")
    except ScenarioError as err:
        assert isinstance(err, CayoError)
        assert str(err).strip()
        assert err.problems
        for p in err.problems:
            assert p.message.strip() and p.hint.strip(), p
            assert p.path or p.line is not None, p
        return
    program = build_program(scenario)
    numeric = program.facilities.select_dtypes("number").to_numpy(dtype=float)
    _finite_non_negative(numeric, "facility table")
    assert program.population.residents > 0
    if scenario.weather.source == "file":  # a mutant cannot name an existing file
        return
    demand = town_demand(scenario, program, weather_of(scenario))
    for carrier, table in demand.hourly.items():
        assert isinstance(table, pd.DataFrame)
        _finite_non_negative(table.to_numpy(dtype=float), f"{carrier} demand")
    assert math.isfinite(demand.kwh_per_resident()) and demand.kwh_per_resident() > 0


def test_the_mutation_machinery_makes_valid_and_invalid_scenarios() -> None:
    """The leaves are found and edited where they are: writing a leaf's own value back keeps
    the default, writing .nan into a number is refused at that line."""
    assert len(LEAVES) > 200 and len(KEYS) > len(LEAVES)
    data = parse_scenario(DEFAULT)
    for path, line in [p for p in LEAVES if p[0][-1] in ("household_size", "discount_rate")]:
        lines = list(LINES)
        head, _, rest = lines[line].partition(f"{path[-1]}:")
        value = rest.split("#")[0].strip()
        lines[line] = f"{head}{path[-1]}: {value}\n"
        assert parse_scenario("".join(lines)) == data
        lines[line] = f"{head}{path[-1]}: .nan\n"
        try:
            parse_scenario("".join(lines))
        except ScenarioError as err:
            assert [(p.path, p.line) for p in err.problems] == [(".".join(path), line + 1)]
        else:
            raise AssertionError(f"{path} = .nan was accepted")
