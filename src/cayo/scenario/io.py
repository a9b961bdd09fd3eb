"""Read a scenario file: YAML with line numbers, strict validation, every problem at once."""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
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
                where, [Problem("", None, "file not found", "check the path; `cayo init FILE` writes a starter scenario")]
            ) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ScenarioError(where, [Problem("", None, f"cannot read the file: {exc}", "give a UTF-8 YAML file")]) from None
    return LoadedScenario(parse_scenario(text, where), where, text)


def parse_scenario(text: str, where: Path | str = "<scenario>") -> Scenario:
    """Validate scenario YAML `text`; `where` names it in messages."""
    raw = _parse_yaml(text, where)
    try:
        scenario = Scenario.model_validate(_plain(raw))
    except ValidationError as exc:
        raise ScenarioError(where, [_problem(err, raw) for err in exc.errors()]) from None
    problems = _relative_checks(scenario, raw, Path(where))
    if problems:
        raise ScenarioError(where, problems)
    return scenario


def _parse_yaml(text: str, where: Path | str) -> CommentedMap:
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise ScenarioError(where, [Problem("", None, "the file is empty", "start from `cayo init my-town.yaml`")])
    yaml = YAML(typ="rt")
    try:
        raw = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        msg = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        raise ScenarioError(
            where, [Problem("", line, f"malformed YAML: {msg}", "check indentation, colons and quotes near this line")]
        ) from None
    except YAMLError as exc:
        raise ScenarioError(where, [Problem("", None, f"malformed YAML: {exc}", "check the YAML syntax")]) from None
    if not isinstance(raw, CommentedMap):
        raise ScenarioError(
            where,
            [Problem("", 1, f"the top level is a {type(raw).__name__}, not a mapping", "a scenario is `key: value` lines")],
        )
    return raw


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
        if isinstance(node, CommentedMap) and key in node:
            line = node.lc.key(key)[0] + 1
            node = node[key]
        elif isinstance(node, CommentedSeq) and isinstance(key, int) and key < len(node):
            line = node.lc.item(key)[0] + 1
            node = node[key]
        else:
            break
    return line


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


def _relative_checks(scenario: Scenario, raw: CommentedMap, where: Path) -> list[Problem]:
    """Checks that need more than one field or the shipped tables."""
    from cayo.demand.archetypes import archetype_names

    problems: list[Problem] = []
    names = archetype_names()
    for key in scenario.demand.floor_area_m2:
        if key not in names:
            close = difflib.get_close_matches(key, names, n=1)
            problems.append(
                Problem(
                    f"demand.floor_area_m2.{key}",
                    line_of(raw, ("demand", "floor_area_m2", key)),
                    f"unknown building archetype '{key}'",
                    (f"did you mean '{close[0]}'? " if close else "") + f"known: {', '.join(names)}",
                )
            )
    for key, value in scenario.demand.floor_area_m2.items():
        if not 0 <= value <= 1e9:
            problems.append(
                Problem(
                    f"demand.floor_area_m2.{key}",
                    line_of(raw, ("demand", "floor_area_m2", key)),
                    f"floor area {value} m² is out of range",
                    "use 0 to 1e9 m²",
                )
            )
    wfile = scenario.weather.file
    if wfile is not None:
        full = wfile if wfile.is_absolute() else where.parent / wfile
        if not full.is_file():
            problems.append(
                Problem("weather.file", line_of(raw, ("weather", "file")), f"weather file not found: {full}",
                        "give a path relative to the scenario file, or an absolute one")
            )
    tech = scenario.technologies
    if not (tech.genset.enabled or tech.island_grid.enabled or tech.pv.enabled):
        problems.append(
            Problem("technologies", line_of(raw, ("technologies",)), "no electricity source is enabled",
                    "enable at least one of pv, genset, island_grid")
        )
    return problems
