"""Read a scenario file: YAML with line numbers, strict validation, every problem at once."""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from cayo.errors import Problem, ScenarioError
from cayo.scenario.schema import Scenario

DEFAULT_SCENARIO = "cayo-digital.yaml"


@dataclass(frozen=True)
class LoadedScenario:
    """A validated scenario with where it came from.

    Attributes
    ----------
    scenario : the validated model.
    path : file it was read from (the packaged default has its package path).
    text : the exact YAML text, saved with results.
    sha256 : hash of `text`, for reproducibility.
    """

    scenario: Scenario
    path: Path
    text: str
    sha256: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "sha256", hashlib.sha256(self.text.encode()).hexdigest())


def default_scenario_text() -> str:
    """Text of the packaged default scenario (Cayo Digital), comments included."""
    return resources.files("cayo.data").joinpath(DEFAULT_SCENARIO).read_text(encoding="utf-8")


def load_scenario(path: str | Path | None = None) -> LoadedScenario:
    """Read and validate a scenario file; ``None`` reads the packaged default.

    Raises
    ------
    ScenarioError
        listing every problem with its YAML path, line and a hint.
    """
    if path is None:
        text = default_scenario_text()
        where = Path(str(resources.files("cayo.data").joinpath(DEFAULT_SCENARIO)))
    else:
        where = Path(path)
        try:
            text = where.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ScenarioError(
                where,
                [
                    Problem(
                        "",
                        None,
                        "file not found",
                        "check the path; `cayo init FILE` writes a starter scenario",
                    )
                ],
            ) from None
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise ScenarioError(
                where, [Problem("", None, f"cannot read the file: {exc}", "give a UTF-8 YAML file")]
            ) from None
    return LoadedScenario(parse_scenario(text, where), where, text)


def parse_scenario(text: str, where: Path | str = "<scenario>") -> Scenario:
    """Validate scenario YAML `text`; `where` names it in messages."""
    raw = _parse_yaml(text, where)
    data = _plain(raw)
    scenario: Scenario | None = None
    problems: list[Problem] = []
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        problems = [_problem(err, raw) for err in exc.errors()]
    # the cross-checks run even when the schema failed, so that every problem is listed at once
    problems += _relative_checks(data, scenario, raw, Path(where))
    if problems:
        raise ScenarioError(where, problems)
    assert scenario is not None
    return scenario


def _parse_yaml(text: str, where: Path | str) -> CommentedMap:
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise ScenarioError(
            where, [Problem("", None, "the file is empty", "start from `cayo init my-town.yaml`")]
        )
    yaml = YAML(typ="rt")
    try:
        raw = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and (
            "end of stream" in str(exc.problem) or "simple key" in str(exc.context)
        ):  # an unclosed quote or a key without its colon: where it starts, not where it ends
            mark = exc.context_mark
        line = mark.line + 1 if mark is not None else None
        msg = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        hint = "check indentation, colons and quotes near this line"
        if isinstance(exc, DuplicateKeyError):
            hint = "a key appears twice in the same section; keep only one of them"
        else:
            opened = _unclosed_quote(text, line)
            flow = exc.context_mark is not None and "flow" in str(exc.context)
            if flow and opened is None and line is not None and exc.context_mark.line + 1 < line:
                hint = (
                    "check the brackets and commas of the { } or [ ] opened on this line "
                    f"(the parser stopped at line {line})"
                )
                line = exc.context_mark.line + 1
            if opened is not None:
                hint = "the quote opened on this line is never closed" + (
                    f" (the parser stopped at line {line})" if opened != line else ""
                )
                line = opened
        raise ScenarioError(where, [Problem("", line, f"malformed YAML: {msg}", hint)]) from None
    except YAMLError as exc:
        raise ScenarioError(
            where, [Problem("", None, f"malformed YAML: {exc}", "check the YAML syntax")]
        ) from None
    if not isinstance(raw, CommentedMap):
        kind = "a list" if isinstance(raw, list) else "empty" if raw is None else "a single value"
        raise ScenarioError(
            where,
            [
                Problem(
                    "",
                    1,
                    f"the top level is {kind}, not a mapping",
                    "a scenario is `key: value` lines",
                )
            ],
        )
    return raw


_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s#'"][^#'"]*?:\s+)?(["'])(.*)$""")


def _unclosed_quote(text: str, upto: int | None) -> int | None:
    """1-based number of the first line (up to `upto`) whose value opens a quote it never closes."""
    for number, line in enumerate(text.splitlines()[: upto or None], start=1):
        m = _QUOTED_VALUE.match(line)
        if m and m.group(1) not in m.group(2):
            return number
    return None


def _plain(node: Any) -> Any:
    """ruamel round-trip nodes → plain dicts/lists (pydantic strictness on plain types)."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def line_of(raw: CommentedMap, loc: tuple[int | str, ...]) -> int | None:
    """1-based line of the deepest existing node on `loc` in the YAML tree (None if unknown)."""
    node: Any = raw
    line: int | None = 1
    for key in loc:
        if isinstance(node, CommentedMap) and not (key in node and isinstance(key, str)):
            key = next((k for k in node if str(k) == str(key)), key)  # `2024:` is the int 2024
        if isinstance(node, CommentedMap) and key in node:
            line = _key_line(node, key)
            node = node[key]
        elif isinstance(node, CommentedSeq) and isinstance(key, int) and key < len(node):
            line = node.lc.item(key)[0] + 1
            node = node[key]
        else:
            break
    return line


def _key_line(node: CommentedMap, key: Any) -> int | None:
    """1-based line of `key` in `node`, also when it comes from a `<<:` merge."""
    try:
        return int(node.lc.key(key)[0]) + 1
    except KeyError:
        for source in getattr(node, "merge", []):
            source = source[1] if isinstance(source, tuple) else source
            if isinstance(source, CommentedMap) and key in source:
                return _key_line(source, key)
    return None


def _model_at(loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    model: type[BaseModel] | None = Scenario
    for key in loc:
        if model is None or not isinstance(key, str) or key not in model.model_fields:
            return None
        ann = model.model_fields[key].annotation
        model = ann if isinstance(ann, type) and issubclass(ann, BaseModel) else None
    return model


def _problem(err: Any, raw: CommentedMap) -> Problem:
    loc = tuple(k for k in err["loc"] if not (isinstance(k, str) and k.startswith("function-")))
    path = ".".join(str(k) for k in loc)
    kind = err["type"]
    msg = err["msg"]
    hint = ""
    if kind == "extra_forbidden":
        parent = _model_at(loc[:-1])
        known = sorted(parent.model_fields) if parent else []
        close = difflib.get_close_matches(str(loc[-1]), known, n=1)
        msg = f"unknown field '{loc[-1]}'"
        hint = (f"did you mean '{close[0]}'? " if close else "") + (
            f"known here: {', '.join(known)}" if known else "remove it"
        )
    elif kind == "missing":
        msg = "required field is missing"
        hint = f"add `{loc[-1]}:` here (see `cayo init` for a complete example)"
    elif kind in {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}:
        hint = f"you gave {err.get('input')!r}; use a value in range"
    elif kind.endswith("_type") or kind.endswith("_parsing"):
        hint = f"you gave {err.get('input')!r}"
    elif kind == "literal_error":
        hint = f"you gave {err.get('input')!r}"
    elif kind == "value_error":
        msg = msg.removeprefix("Value error, ")
        hint = "fix the values named above"
    else:
        hint = f"you gave {err.get('input')!r}"
    return Problem(path, line_of(raw, loc), msg, hint)


# [unit of data/facilities.csv] bounds of a norm override; the rest are 0 to 1e9, and
# units_per_facility must be above 0 (it divides the capacity into buildings)
_NORM_RANGES = {"balance_temp_c": (-50.0, 60.0), "return_factor": (0.0, 1.0)}


def _number(value: Any) -> float | None:
    """`value` as the schema's float fields read it (numbers and numeric strings), else None."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        return float(value)
    except (ValueError, OverflowError):  # overflow: an integer of 400 digits, also a schema error
        return None


def _short(x: float) -> str:
    """1e9 rather than 1e+09."""
    return re.sub(r"e\+0*", "e", f"{x:g}")


def _relative_checks(
    data: dict[str, Any], scenario: Scenario | None, raw: CommentedMap, where: Path
) -> list[Problem]:
    """Checks that need more than one field or the shipped tables.

    They read the plain YAML `data`, so they run even when the schema failed (`scenario` None);
    a value of the wrong type is left to the schema's own message.
    """
    from cayo.program.norms import NUMERIC_FIELDS, facility_names

    problems: list[Problem] = []
    names = facility_names()
    program = data.get("program")
    program = program if isinstance(program, dict) else {}

    def unknown(path: tuple[str, ...], key: str, what: str, known: list[str]) -> Problem:
        close = difflib.get_close_matches(key, known, n=1)
        return Problem(
            ".".join(path),
            line_of(raw, path),
            f"unknown {what} '{key}'",
            (f"did you mean '{close[0]}'? " if close else "") + f"known: {', '.join(known)}",
        )

    capacity = program.get("capacity")
    for key, value in (capacity if isinstance(capacity, dict) else {}).items():
        path: tuple[str, ...] = ("program", "capacity", str(key))
        number = _number(value)  # None: not a number, which the schema reports
        if key not in names:
            problems.append(unknown(path, str(key), "facility", names))
        elif number is not None and not 0 <= number <= 1e9:
            problems.append(
                Problem(
                    ".".join(path),
                    line_of(raw, path),
                    f"capacity {number:g} is out of range",
                    "use 0 to 1e9 in the facility's unit (see `cayo program`)",
                )
            )
    overrides = program.get("norms")
    for fac, changes in (overrides if isinstance(overrides, dict) else {}).items():
        if fac not in names:
            problems.append(unknown(("program", "norms", str(fac)), str(fac), "facility", names))
            continue
        for par, value in (changes if isinstance(changes, dict) else {}).items():
            path = ("program", "norms", str(fac), str(par))
            number = _number(value)
            low, high = _NORM_RANGES.get(str(par), (0.0, 1e9))
            if par not in NUMERIC_FIELDS:
                problems.append(unknown(path, str(par), "numeric norm", list(NUMERIC_FIELDS)))
            elif number is not None and not (
                low <= number <= high and (number > 0 or par != "units_per_facility")
            ):
                span = f"{_short(low)} to {_short(high)}"
                if par == "units_per_facility":
                    span = f"more than {_short(low)}, up to {_short(high)}"
                problems.append(
                    Problem(
                        ".".join(path),
                        line_of(raw, path),
                        f"norm {par} = {number:g} is out of range",
                        f"use {span} in the unit of data/facilities.csv (see `cayo program`)",
                    )
                )
    constraints = data.get("constraints")
    critical = constraints.get("critical_facilities") if isinstance(constraints, dict) else None
    for i, fac in enumerate(critical if isinstance(critical, list) else []):
        if isinstance(fac, str) and fac not in names:
            where_ = ("constraints", "critical_facilities", i)
            close = difflib.get_close_matches(fac, names, n=1)
            problems.append(
                Problem(
                    f"constraints.critical_facilities.{i}",
                    line_of(raw, where_),
                    f"unknown facility '{fac}'",
                    (f"did you mean '{close[0]}'? " if close else "")
                    + f"known: {', '.join(names)}",
                )
            )
    problems += _dependent_links(data, raw)
    weather = data.get("weather")
    wfile = weather.get("file") if isinstance(weather, dict) else None
    if isinstance(wfile, str):
        full = Path(wfile) if Path(wfile).is_absolute() else where.parent / wfile
        try:
            found = full.is_file()
        except OSError:  # e.g. a name too long for the file system
            found = False
        if not found:
            problems.append(
                Problem(
                    "weather.file",
                    line_of(raw, ("weather", "file")),
                    f"weather file not found: {full}",
                    "give a path relative to the scenario file, or an absolute one",
                )
            )
    if scenario is None:
        return problems
    w = scenario.workforce
    for i, m in enumerate(scenario.phasing.milestones):
        if not w.start_year <= m.year <= w.horizon_year:
            problems.append(
                Problem(
                    f"phasing.milestones.{i}.year",
                    line_of(raw, ("phasing", "milestones", i)),
                    f"milestone year {m.year} lies outside the workforce years "
                    f"{w.start_year}-{w.horizon_year}",
                    "move it inside workforce.start_year..horizon_year, or widen them",
                )
            )
    tech = scenario.technologies
    if not (tech.genset.enabled or tech.island_grid.enabled or tech.pv.enabled):
        problems.append(
            Problem(
                "technologies",
                line_of(raw, ("technologies",)),
                "no electricity source is enabled",
                "enable at least one of pv, genset, island_grid",
            )
        )
    return problems


def _dependent_links(data: dict[str, Any], raw: CommentedMap) -> list[Problem]:
    """stress.main_grid.dependent_links must name data-link options."""
    links = data.get("data_links")
    options = links.get("options") if isinstance(links, dict) else None
    known = [str(k) for k in options] if isinstance(options, dict) else []
    stress = data.get("stress")
    main = stress.get("main_grid") if isinstance(stress, dict) else None
    names = main.get("dependent_links") if isinstance(main, dict) else None
    problems = []
    for i, name in enumerate(names if isinstance(names, list) and known else []):
        if isinstance(name, str) and name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            problems.append(
                Problem(
                    f"stress.main_grid.dependent_links.{i}",
                    line_of(raw, ("stress", "main_grid", "dependent_links", i)),
                    f"unknown data link '{name}'",
                    (f"did you mean '{close[0]}'? " if close else "")
                    + f"known (data_links.options): {', '.join(known)}",
                )
            )
    return problems
