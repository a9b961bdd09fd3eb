"""What a sweep varies: ``--vary PATH=LOW:HIGH[:N]`` read, checked against the scenario's
schema, and set into the scenario's YAML text.

A path is the dotted YAML path of a numeric field (``technologies.genset.fuel_price_usd_per_l``,
``phasing.milestones.0.specialists``). A variant's scenario is the base file's text with the
values written in and read again by the same reader as ``cayo plan``, so every variant is
checked exactly as a scenario file is.
"""

from __future__ import annotations

import difflib
import functools
import io
import math
import re
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from cayo.errors import CayoError, ScenarioError
from cayo.scenario.io import LoadedScenario, parse_scenario
from cayo.scenario.schema import Scenario

MAX_POINTS = 1000  # points of one --vary range (a grid multiplies them)
DEFAULT_POINTS = 3
_FORM = re.compile(
    r"^\s*(?P<path>[^=\s]+)\s*=\s*(?P<low>[^:]+):(?P<high>[^:]+)(?::(?P<n>[^:]+))?\s*$"
)
EXAMPLE = "--vary technologies.genset.fuel_price_usd_per_l=0.9:1.5:4"


class VaryError(CayoError):
    """Every problem with the sweep's --vary options, at once."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(
            f"{len(problems)} problem(s) with --vary:\n" + "\n".join(f"  {p}" for p in problems)
        )


@dataclass(frozen=True)
class Vary:
    """One varied field: dotted path, range [its unit], points on the range, integer field.

    `low`, `high` in the field's own unit; `points`, the number of evenly spaced values a grid
    or a one-at-a-time sweep takes (a global design samples the range instead)."""

    path: str
    low: float
    high: float
    points: int = DEFAULT_POINTS
    integer: bool = False

    def values(self) -> list[float]:
        """The grid's values, low to high (integers rounded, repeats dropped).

        >>> Vary("x", 1.0, 2.0, 3).values()
        [1.0, 1.5, 2.0]
        >>> Vary("n", 1, 2, 4, integer=True).values()
        [1.0, 2.0]
        """
        n = self.points
        raw = (
            [self.low + (self.high - self.low) * i / (n - 1) for i in range(n)]
            if n > 1
            else [self.low]
        )
        out = [float(round(v)) if self.integer else v for v in raw]
        return list(dict.fromkeys(out))

    def cast(self, value: float) -> int | float:
        """`value` as the field's type (integers rounded)."""
        return int(round(value)) if self.integer else float(value)


def _number(text: str) -> float | None:
    try:
        x = float(text.replace("_", "").replace(",", ""))
    except ValueError:
        return None
    return x if math.isfinite(x) else None


def parse_vary(text: str) -> tuple[str | None, Vary | None, list[str]]:
    """One ``PATH=LOW:HIGH[:N]`` option read (not yet checked against the schema): its path
    (None if none can be read), the Vary (None if the range is wrong) and what is wrong.

    >>> parse_vary("finance.discount_rate=0.04:0.10:4")[1]
    Vary(path='finance.discount_rate', low=0.04, high=0.1, points=4, integer=False)
    >>> parse_vary("finance.discount_rate=0.1:0.04")[2]
    ['finance.discount_rate=0.1:0.04: LOW (0.1) must be below HIGH (0.04); write it as 0.04:0.1']
    """
    m = _FORM.match(text)
    if not m:
        path = text.partition("=")[0].strip() if "=" in text else None
        return (
            path or None,
            None,
            [f"{text!r}: expected PATH=LOW:HIGH or PATH=LOW:HIGH:N, e.g. {EXAMPLE}"],
        )
    low, high = _number(m["low"]), _number(m["high"])
    problems = [
        f"{text}: {name} {raw.strip()!r} is not a finite number"
        for name, raw, x in (("LOW", m["low"], low), ("HIGH", m["high"], high))
        if x is None
    ]
    points = DEFAULT_POINTS
    if m["n"] is not None:
        n = m["n"].strip()
        if not n.isdigit() or not 2 <= int(n) <= MAX_POINTS:
            problems.append(f"{text}: N {n!r} must be a whole number from 2 to {MAX_POINTS:,}")
        else:
            points = int(n)
    if low is not None and high is not None and not low < high:
        problems.append(
            f"{text}: LOW ({m['low'].strip()}) must be below HIGH ({m['high'].strip()}); "
            f"write it as {m['high'].strip()}:{m['low'].strip()}"
        )
    if problems or low is None or high is None:
        return m["path"], None, problems
    return m["path"], Vary(m["path"], low, high, points), []


def numeric_paths(s: Scenario) -> dict[str, Any]:
    """Every numeric field of `s` (not flags) by dotted path → its value."""
    out: dict[str, Any] = {}

    def walk(node: Any, path: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, f"{path}.{key}" if path else str(key))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{path}.{i}")
        elif isinstance(node, int | float) and not isinstance(node, bool):
            out[path] = node

    walk(s.model_dump(mode="python"), "")
    return out


def check_varies(texts: list[str], loaded: LoadedScenario) -> tuple[Vary, ...]:
    """The --vary options read and checked against `loaded`'s schema: each path a numeric
    field, each range's ends valid values of it (the scenario read again with each end set);
    raises `VaryError` listing every problem."""
    if not texts:
        raise VaryError([f"give at least one --vary PATH=LOW:HIGH[:N], e.g. {EXAMPLE}"])
    fields = numeric_paths(loaded.scenario)
    problems: list[str] = []
    varies: list[Vary] = []
    for text in texts:
        path, v, wrong = parse_vary(text)
        problems += wrong
        if path is not None and path not in fields:
            problems.append(_unknown(path, fields, loaded.scenario))
            continue
        if v is None:
            continue
        if any(other.path == v.path for other in varies):
            problems.append(f"{text}: {v.path} is varied twice; give it once")
            continue
        integer = isinstance(fields[v.path], int)
        v = Vary(v.path, v.low, v.high, v.points, integer)
        if integer and (v.low != round(v.low) or v.high != round(v.high)):
            problems.append(f"{text}: {v.path} is a whole number; give whole LOW and HIGH")
            continue
        for end in (v.low, v.high):
            problems += _end_problems(loaded, v, end)
        varies.append(v)
    if problems:
        raise VaryError(problems)
    return tuple(varies)


def _unknown(path: str, fields: dict[str, Any], s: Scenario) -> str:
    head = path.split(".")
    close = difflib.get_close_matches(path, list(fields), n=3, cutoff=0.6)
    known = {p.split(".")[0] for p in fields}
    if head[0] not in known:
        hint = f"top-level sections: {', '.join(sorted(known))}"
    elif close:
        hint = "did you mean " + " or ".join(close) + "?"
    else:
        under = sorted(p for p in fields if p.startswith(head[0] + "."))[:6]
        hint = "numeric fields there include " + ", ".join(under)
    what = "not a numeric field of the scenario"
    if _is_flag_or_text(s, head):
        what = "not a number (a flag, text or section): only numeric fields can be varied"
    return f"{path}: {what}; {hint} (`cayo init` writes every field with its unit)"


def _is_flag_or_text(s: Scenario, keys: list[str]) -> bool:
    node: Any = s.model_dump(mode="python")
    for key in keys:
        if isinstance(node, dict) and key in node:
            node = node[key]
        elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
            node = node[int(key)]
        else:
            return False
    return True


def _end_problems(loaded: LoadedScenario, v: Vary, end: float) -> list[str]:
    """What the scenario's reader says of `v.path` set to `end` (nothing when it is valid)."""
    try:
        parse_scenario(set_values(loaded.text, {v.path: v.cast(end)}), loaded.path)
    except ScenarioError as exc:
        return [
            f"{v.path}={v.low:g}:{v.high:g}: at {end:g}, {p.path or 'the scenario'}: "
            f"{p.message} (hint: {p.hint})"
            for p in exc.problems
        ]
    return []


def set_values(text: str, values: dict[str, int | float]) -> str:
    r"""Scenario YAML `text` with each dotted path set to its value (comments kept; a field the
    file leaves to its default is added, with the sections above it).

    A value the file writes as a plain scalar is replaced where it stands (the positions of a
    text are read once per process: 0.1 ms a variant instead of 0.3 s for a round trip);
    anything else goes through a YAML round trip.

    >>> set_values("a:\n  b: 1.5   # [USD] cost\n  c: {x: 2, y: 3}\n", {"a.b": 2.25, "a.c.x": 7})
    'a:\n  b: 2.25   # [USD] cost\n  c: {x: 7, y: 3}\n'
    """
    spots = _scalar_spots(text)
    if not all(path in spots for path in values):
        return _round_trip(text, values)
    lines = text.splitlines(keepends=True)
    for path, value in sorted(values.items(), key=lambda pv: spots[pv[0]], reverse=True):
        row, start, end = spots[path]
        lines[row] = lines[row][:start] + _plain(value) + lines[row][end:]
    return "".join(lines)


_PLAIN_NUMBER = re.compile(r"[-+]?(\.?[0-9][0-9_.eE+-]*|\.inf|\.nan|null|true|false|~)")


@functools.lru_cache(maxsize=4)
def _scalar_spots(text: str) -> dict[str, tuple[int, int, int]]:
    """Dotted path → (row, start, end) of every scalar `text` writes plainly on one line."""
    out: dict[str, tuple[int, int, int]] = {}
    lines = text.splitlines()

    def walk(node: Any, path: str) -> None:
        items = node.items() if isinstance(node, CommentedMap) else enumerate(node)
        for key, value in items:
            sub = f"{path}.{key}" if path else str(key)
            if isinstance(value, CommentedMap | CommentedSeq):
                walk(value, sub)
                continue
            try:
                row, col = (
                    node.lc.value(key) if isinstance(node, CommentedMap) else node.lc.item(key)
                )
            except (KeyError, TypeError, AttributeError):
                continue
            m = _PLAIN_NUMBER.match(lines[row], col) if row < len(lines) else None
            if m and (m.end() == len(lines[row]) or lines[row][m.end()] in " \t,}]#"):
                out[sub] = (row, col, m.end())

    walk(YAML(typ="rt").load(text), "")
    return out


def _plain(value: Any) -> str:
    """A value as a YAML plain scalar."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)


def _round_trip(text: str, values: dict[str, int | float]) -> str:
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(
        type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null")
    )
    data = yaml.load(text)
    for path, value in values.items():
        keys = path.split(".")
        node: Any = data
        for key in keys[:-1]:
            if isinstance(node, CommentedSeq):
                node = node[int(key)]
            else:
                key_ = _key(node, key)
                if key_ not in node or node[key_] is None:
                    node[key_] = CommentedMap()
                node = node[key_]
        last = keys[-1]
        node[int(last) if isinstance(node, CommentedSeq) else _key(node, last)] = value
    buf = io.StringIO()
    yaml.dump(data, buf)
    return buf.getvalue()


def _key(node: CommentedMap, key: str) -> str | int:
    """`key` as the mapping has it: a number key (``month_shares: {9: 0.314}``) is an int."""
    if key not in node and key.lstrip("-").isdigit() and int(key) in node:
        return int(key)
    return key


def variant_scenario(loaded: LoadedScenario, values: dict[str, int | float]) -> LoadedScenario:
    """`loaded` with `values` set, read again by the scenario reader (same checks)."""
    text = set_values(loaded.text, values)
    return LoadedScenario(parse_scenario(text, loaded.path), loaded.path, text)
