"""Read a scenario file: YAML with line numbers, strict validation, every problem at once.

Reading is guarded before anything is computed: the file is at most `MAX_BYTES` and
`MAX_LINES`, holds no control characters, and its YAML at most `MAX_NODES` values nested
`MAX_DEPTH` deep, `MAX_ALIASES` aliases that expand to at most `MAX_EXPANDED` values, and no
tags. Then the schema (`cayo.scenario.schema`) and the checks across fields
(`cayo.scenario.checks`) run, and every problem they find is raised in one `ScenarioError`
with its file, line, YAML path, message and a hint on how to fix it.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import math
import re
import types
import typing
import warnings
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import annotated_types
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, MappingStartEvent, SequenceStartEvent
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from cayo.errors import Problem, ScenarioError
from cayo.scenario.checks import relation_problems
from cayo.scenario.schema import Scenario

DEFAULT_SCENARIO = "cayo-digital.yaml"

# Limits on the input, far above any real scenario (the default is 28 KiB, 380 lines, ~650 YAML
# values nested 5 deep, no alias) and low enough that reading stays well under 2 s: the YAML
# reader handles ~0.25 ms per value, so the limits bound the time before anything is computed.
MAX_BYTES = 512 * 1024  # [B] 512 KiB
MAX_LINES = 3000
MAX_NODES = 3000  # YAML values (scalars, lists, mappings; keys count too)
MAX_DEPTH = 12  # nesting of lists and mappings
MAX_ALIASES = 100  # `*name` references to anchors
MAX_EXPANDED = 20_000  # values once every alias is expanded (the "billion laughs" guard)
# YAML's allowed characters (YAML 1.2, 5.1): tab, line breaks and printable Unicode
_NOT_YAML = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


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


def _refuse(where: Path | str, message: str, hint: str, line: int | None = None) -> ScenarioError:
    return ScenarioError(where, [Problem("", line, message, hint)])


def _size(n: int) -> str:
    """A byte count for people.

    >>> _size(22677), _size(52428800), _size(1048576), _size(1500000)
    ('22 KiB', '50 MiB', '1 MiB', '1.4 MiB')
    """
    if n % 2**20 == 0:
        return f"{n // 2**20} MiB"
    return f"{n / 2**20:.1f} MiB" if n >= 2**20 else f"{n // 1024} KiB"


TOO_BIG_HINT = (
    "is this the right file? A scenario holds settings, not data: hourly weather goes in a "
    "weather file (weather.file)"
)


def _read(where: Path) -> str:
    """The text of scenario file `where`, refused with one clear problem if it cannot be read."""
    try:
        with where.open("rb") as f:
            data = f.read(MAX_BYTES + 1)  # no more: a 50 MB file or /dev/zero is not read whole
    except FileNotFoundError:
        raise _refuse(
            where, "file not found", "check the path; `cayo init FILE` writes a starter scenario"
        ) from None
    except IsADirectoryError:
        raise _refuse(
            where,
            "cannot read the file: it is a directory, not a scenario file",
            "give the path of a .yaml file (e.g. my-town.yaml)",
        ) from None
    except PermissionError:
        raise _refuse(
            where,
            "cannot read the file: no permission to read it",
            "check its permissions (e.g. `chmod u+r FILE`) or copy it somewhere readable",
        ) from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        raise _refuse(
            where, f"cannot read the file: {exc}", "give the path of a UTF-8 YAML file"
        ) from None
    if len(data) > MAX_BYTES:
        try:
            size = where.stat().st_size
        except OSError:
            size = len(data)
        raise _too_big(where, size, data.count(b"\n", 0, MAX_BYTES) + 1)
    return _decode(data, where)


def _too_big(where: Path | str, size: int, line: int) -> ScenarioError:
    """The scenario is `size` bytes, past `MAX_BYTES` at `line`."""
    return _refuse(
        where,
        f"the scenario is {_size(size)}; a scenario may be at most {_size(MAX_BYTES)} (the "
        f"default is 28 KiB), and this one passes that at line {line:,}",
        TOO_BIG_HINT,
        line,
    )


def _decode(data: bytes, where: Path | str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        utf16 = data[:2] in (b"\xff\xfe", b"\xfe\xff")
        raise _refuse(
            where,
            f"cannot read the file: it is not UTF-8 text (byte 0x{data[exc.start]:02x} at line "
            f"{line}, column {column})",
            ("it is UTF-16; " if utf16 else "")
            + "save it as UTF-8 (in most editors: Save as, Encoding: UTF-8)",
            line,
        ) from None


def load_scenario(path: str | Path | None = None) -> LoadedScenario:
    """Read and validate a scenario file; ``None`` reads the packaged default.

    Raises
    ------
    ScenarioError
        listing every problem with its YAML path, line and a hint.
    """
    if path is None:
        return _default()
    where = Path(path)
    text = _read(where)
    return LoadedScenario(parse_scenario(text, where), where, text)


@functools.cache
def _default() -> LoadedScenario:
    """The packaged default, read once per process (it is immutable, and reading the YAML with
    its line numbers takes 0.1 s)."""
    text = default_scenario_text()
    where = Path(str(resources.files("cayo.data").joinpath(DEFAULT_SCENARIO)))
    return LoadedScenario(parse_scenario(text, where), where, text)


def parse_scenario(text: str | bytes, where: Path | str = "<scenario>") -> Scenario:
    """Validate scenario YAML `text`; `where` names it in messages.

    Raises
    ------
    ScenarioError
        listing every problem with its YAML path, line and a hint.
    """
    if isinstance(text, bytes):
        if len(text) > MAX_BYTES:
            raise _too_big(where, len(text), text.count(b"\n", 0, MAX_BYTES) + 1)
        text = _decode(text, where)
    if not isinstance(text, str):
        raise _refuse(
            where,
            f"expected the YAML text of a scenario, got {type(text).__name__}",
            "pass the file's text, or its path to load_scenario",
        )
    _guard_text(text, where)
    tags: list[Problem] = []
    raw = _parse_yaml(text, where, tags)
    data = _plain(raw)
    scenario: Scenario | None = None
    problems: list[Problem] = list(tags)
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        problems += [_problem(err, raw) for err in exc.errors()]
    # the cross-checks run even when the schema failed, so that every problem is listed at once
    problems += relation_problems(data, lambda loc: line_of(raw, loc), Path(where))
    if problems:
        raise ScenarioError(where, problems)
    if scenario is None:  # cannot happen: a failed validation lists its errors
        raise _refuse(where, "the scenario did not validate", "please report this to cayo")
    return scenario


def _guard_text(text: str, where: Path | str) -> None:
    """Refuse text too large to read quickly, or holding characters YAML does not allow."""
    size = len(text) if len(text) > MAX_BYTES else len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        raise _too_big(where, size, text.count("\n", 0, MAX_BYTES) + 1)
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        raise _refuse(
            where,
            f"the scenario has {lines:,} lines; a scenario may have at most {MAX_LINES:,} (the "
            "default has 333)",
            TOO_BIG_HINT,
            MAX_LINES + 1,
        )
    problems = []
    for match in _NOT_YAML.finditer(text):
        start = match.start()
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        char = match.group()
        name = "a NUL byte" if char == "\0" else f"the control character {char!r}"
        problems.append(
            Problem(
                "",
                line,
                f"column {column} holds {name}; YAML allows no control characters",
                "remove it: a scenario is plain UTF-8 text (was it saved by a word processor, "
                "or with a binary file pasted in?)",
            )
        )
        if len(problems) == 10:
            break
    if problems:
        raise ScenarioError(where, problems)
    deep = _flow_depth_problem(text)
    if deep is not None:
        raise ScenarioError(where, [deep])


_FLOW_MARKS = re.compile(r"""[\[\]{}'"#\n]""")


def _flow_depth_problem(text: str) -> Problem | None:
    """The first place where ``[`` and ``{`` nest deeper than `MAX_DEPTH`, found without YAML.

    ruamel's scanner slows down quadratically on deeply nested flow collections (10,000 ``[``
    take seconds before the composer's own depth guard is reached), so they are counted first.
    Quoted text and comments are skipped; a bracket inside a plain word counts, which can only
    over-count for a plain value with more than `MAX_DEPTH` brackets in it.

    >>> _flow_depth_problem("a: " + "[" * 20 + "]" * 20).line
    1
    >>> _flow_depth_problem("a: '[[[[[[[[[[[[[[[['  # [[[[[[[[[[[[[[[[[[[") is None
    True
    """
    depth = 0
    quote = ""
    skip_to = -1
    for m in _FLOW_MARKS.finditer(text):
        i, c = m.start(), m.group()
        if i < skip_to:
            continue
        if quote:
            if c == quote and not (quote == '"' and _escaped(text, i)):
                if quote == "'" and text.startswith("''", i):  # '' is a quote inside '...'
                    skip_to = i + 2
                    continue
                quote = ""
            continue
        j = i - 1
        while j >= 0 and text[j] in " \t":
            j -= 1
        before = text[j] if j >= 0 else ""
        if c == "#" and (i == 0 or text[i - 1] in " \t\n"):
            end = text.find("\n", i)
            skip_to = len(text) if end < 0 else end
        elif c in "'\"" and before in ("", "\n", ":", "[", "{", ",", "-", "?"):
            quote = c
        elif c in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return Problem(
                    "",
                    text.count("\n", 0, i) + 1,
                    f"the YAML is nested more than {MAX_DEPTH} levels deep; a scenario needs 5",
                    "remove the extra levels of [ ] and { }",
                )
        elif c in "]}":
            depth = max(depth - 1, 0)
    return None


def _escaped(text: str, i: int) -> bool:
    """Whether the character at `i` follows an odd number of backslashes."""
    n = 0
    while i - n - 1 >= 0 and text[i - n - 1] == "\\":
        n += 1
    return n % 2 == 1


class _Refused(Exception):
    """Raised inside the YAML composer when the input passes a limit."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


class _GuardedComposer(Composer):  # type: ignore[misc]
    """ruamel's composer with limits: values, nesting, aliases and their expansion; no tags.

    An explicit tag (``!!python/object``, ``!custom``) is reported and dropped, so that the
    value is read as plain YAML and the rest of the file is still checked.
    """

    def __init__(self, loader: Any = None, tags: list[Problem] | None = None):
        super().__init__(loader)
        self.nodes = 0
        self.aliases = 0
        self.parts: list[str | None] = []
        self.sizes: dict[int, int] = {}
        self.tags: list[Problem] = [] if tags is None else tags

    def _where(self) -> str:
        return ".".join(p for p in self.parts if p is not None)

    def _stop(self, event: Any, message: str, hint: str) -> _Refused:
        return _Refused(Problem(self._where(), event.start_mark.line + 1, message, hint))

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(parent, MappingNode):
            part = str(index.value) if isinstance(index, ScalarNode) else None
        elif isinstance(parent, SequenceNode):
            part = str(index)
        else:
            part = None
        self.parts.append(part)
        try:
            return self._compose(event, parent, index)
        finally:
            self.parts.pop()

    def _compose(self, event: Any, parent: Any, index: Any) -> Any:
        if isinstance(event, AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise self._stop(
                    event,
                    f"more than {MAX_ALIASES} aliases (*name); a scenario needs few or none",
                    "write the values out, or use fewer anchors and aliases",
                )
            node = super().compose_node(parent, index)
            size = self.sizes.get(id(node))
            if size is None:
                raise self._stop(
                    event,
                    f"the alias *{event.anchor} is used inside its own anchor &{event.anchor}: "
                    "an endless loop",
                    "an alias may only repeat a value that is complete before it",
                )
            return node
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self._stop(
                event,
                f"more than {MAX_NODES:,} YAML values; the default scenario has 561",
                TOO_BIG_HINT,
            )
        if (
            isinstance(event, MappingStartEvent | SequenceStartEvent)
            and len(self.parts) > MAX_DEPTH
        ):
            raise self._stop(
                event,
                f"the YAML is nested more than {MAX_DEPTH} levels deep; a scenario needs 5",
                "remove the extra levels of lists and mappings",
            )
        tag = getattr(event, "ctag", None)
        if tag is not None and str(tag) != "!":
            self.tags.append(
                Problem(
                    self._where(),
                    event.start_mark.line + 1,
                    f"YAML tag {str(tag).replace('tag:yaml.org,2002:', '!!')!r} is not allowed "
                    "in a scenario",
                    "remove the tag: a scenario holds plain numbers, text, true/false, lists "
                    "and mappings",
                )
            )
            event.ctag = None  # read the value as if untagged
        node = super().compose_node(parent, index)
        children: list[Any] = []
        if isinstance(node, SequenceNode):
            children = list(node.value)
        elif isinstance(node, MappingNode):
            children = [n for pair in node.value for n in pair]
        size = 1 + sum(self.sizes.get(id(c), 1) for c in children)
        self.sizes[id(node)] = size
        if size > MAX_EXPANDED:
            raise self._stop(
                event,
                f"the aliases here expand to more than {MAX_EXPANDED:,} values (an alias "
                "bomb); a scenario has about 600",
                "write the values out, or use fewer anchors and aliases",
            )
        return node


def _parse_yaml(text: str, where: Path | str, tags: list[Problem]) -> CommentedMap:
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise _refuse(where, "the file is empty", "start from `cayo init my-town.yaml`")
    yaml = YAML(typ="rt")
    setattr(yaml, "Composer", lambda loader=None: _GuardedComposer(loader, tags))  # noqa: B010
    try:
        with warnings.catch_warnings():  # a reused anchor is legal YAML
            warnings.simplefilter("ignore")
            raw = yaml.load(text)
    except _Refused as exc:
        raise ScenarioError(where, [exc.problem]) from None
    except MarkedYAMLError as exc:
        raise ScenarioError(where, [_yaml_problem(exc, text)]) from None
    except (YAMLError, RecursionError, ValueError, TypeError, OverflowError) as exc:
        raise _refuse(where, f"malformed YAML: {exc}", "check the YAML syntax") from None
    if not isinstance(raw, CommentedMap):
        kind = "a list" if isinstance(raw, list) else "empty" if raw is None else "a single value"
        raise _refuse(
            where, f"the top level is {kind}, not a mapping", "a scenario is `key: value` lines", 1
        )
    return raw


def _yaml_problem(exc: MarkedYAMLError, text: str) -> Problem:
    """A YAML syntax error as a problem, at the line where the mistake starts."""
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
    return Problem("", line, f"malformed YAML: {msg}", hint)


_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s#'"][^#'"]*?:\s+)?(["'])(.*)$""")


def _unclosed_quote(text: str, upto: int | None) -> int | None:
    """1-based number of the first line (up to `upto`) whose value opens a quote it never closes."""
    for number, line in enumerate(text.splitlines()[: upto or None], start=1):
        m = _QUOTED_VALUE.match(line)
        if m and m.group(1) not in m.group(2):
            return number
    return None


def _plain(node: Any) -> Any:
    """ruamel round-trip nodes → plain Python values, so that strict types judge them.

    Mapping keys become strings (field names); ruamel's scalar subclasses become plain
    bool, int, float and str (a `ScalarBoolean` is an int to Python, not a bool).
    """
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if type(node).__name__ == "ScalarBoolean" or isinstance(node, bool):
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
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


# ---------------------------------------------------------------- schema errors as problems


def _model_at(loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    model: type[BaseModel] | None = Scenario
    for key in loc:
        if model is None or not isinstance(key, str) or key not in model.model_fields:
            return None
        ann = _unwrap(model.model_fields[key].annotation)[0]  # Households | None → Households
        model = ann if isinstance(ann, type) and issubclass(ann, BaseModel) else None
    return model


def _unwrap(ann: Any) -> tuple[Any, list[Any], dict[str, Any]]:
    """(type, constraints, schema extras) of an annotation: Optional and Annotated removed."""
    meta: list[Any] = []
    extra: dict[str, Any] = {}
    while True:
        origin = typing.get_origin(ann)
        if origin is typing.Annotated:
            args = typing.get_args(ann)
            for item in args[1:]:
                if isinstance(item, FieldInfo):
                    meta += item.metadata
                    if isinstance(item.json_schema_extra, dict):
                        extra = dict(item.json_schema_extra)
                else:
                    meta.append(item)
            ann = args[0]
        elif origin in (typing.Union, types.UnionType):
            rest = [a for a in typing.get_args(ann) if a is not type(None)]
            if len(rest) != 1:
                return ann, meta, extra
            ann = rest[0]
        else:
            return ann, meta, extra


def field_spec(loc: tuple[int | str, ...]) -> tuple[list[Any], dict[str, Any]] | None:
    """(constraints, extras with 'unit' and 'why') of the field or item at `loc`, if known."""
    ann: Any = Scenario
    meta: list[Any] = []
    extra: dict[str, Any] = {}
    for key in loc:
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            if not isinstance(key, str) or key not in ann.model_fields:
                return None
            info = ann.model_fields[key]
            ann = info.annotation
            meta = list(info.metadata)
            extra = dict(info.json_schema_extra) if isinstance(info.json_schema_extra, dict) else {}
        else:
            origin, args = typing.get_origin(ann), typing.get_args(ann)
            if origin is list and args:
                ann = args[0]
            elif origin is dict and len(args) == 2:
                ann = args[0] if key == "[key]" else args[1]
            else:
                return None
            meta, extra = [], {}
        ann, more, more_extra = _unwrap(ann)
        meta += more
        extra = more_extra or extra
    return meta, extra


def _fmt(x: Any) -> str:
    """A bound or a value for people: 1,000,000 and 0.001 rather than 1e+06 and 1e-03.

    >>> [_fmt(v) for v in (1e6, 0.001, 2**63 - 1, 12, -0.5, 1e10, 2025, 12000)]
    ['1,000,000', '0.001', '9223372036854775807', '12', '-0.5', '1e10', '2025', '12,000']
    """
    if isinstance(x, bool) or not isinstance(x, int | float):
        return repr(x)
    if not math.isfinite(x):
        return str(x)
    if isinstance(x, int) and abs(x) > 1e15:
        return str(x)
    if x == int(x) and abs(x) < 1e7:
        return f"{int(x):,}" if abs(x) >= 10_000 else str(int(x))  # 2025, 5000, 10,000
    return re.sub(r"e\+0*", "e", f"{x:g}")


def _bounds(meta: list[Any]) -> tuple[str, str] | None:
    """('between 1 and 10', 'from 1 to 10') for a field's constraints (None without both)."""
    low: Any = None
    high: Any = None
    low_open = high_open = False
    for m in meta:
        if isinstance(m, annotated_types.Ge):
            low = m.ge
        elif isinstance(m, annotated_types.Gt):
            low, low_open = m.gt, True
        elif isinstance(m, annotated_types.Le):
            high = m.le
        elif isinstance(m, annotated_types.Lt):
            high, high_open = m.lt, True
    if low is None or high is None:
        return None
    lo, hi = _fmt(low), _fmt(high)
    if low_open:
        return f"above {lo} and at most {hi}", f"above {lo}, up to {hi}"
    if high_open:
        return f"at least {lo} and below {hi}", f"from {lo} up to (not including) {hi}"
    return f"between {lo} and {hi}", f"from {lo} to {hi}"


def _what(value: Any) -> str:
    """What a wrong value is, in the words of a YAML user."""
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if value is None:
        return "empty (null)"
    if isinstance(value, str):
        return f"text ({value!r})"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, date):
        return f"a date ({value})"
    return repr(value)


def _as_yaml(value: Any) -> str:
    """A value as the user wrote it in YAML (true, null, 2025-01-01, 'text').

    >>> [_as_yaml(v) for v in (True, None, "x", 1.5)]
    ['true', 'null', "'x'", '1.5']
    """
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return "null"
    if isinstance(value, date):
        return str(value)
    return repr(value)


@lru_cache(maxsize=1)
def _default_data() -> Any:
    return _plain(YAML(typ="rt").load(default_scenario_text()))


def _example(loc: tuple[int | str, ...]) -> str:
    """` as in the default (`key: value`)` for the field at `loc`, if the default has it."""
    if not loc or not isinstance(loc[-1], str):
        return ""
    node: Any = _default_data()
    for key in loc:
        if isinstance(node, dict) and str(key) in node:
            node = node[str(key)]
        elif isinstance(node, list) and isinstance(key, int) and key < len(node):
            node = node[key]
        else:
            return ""
    if isinstance(node, bool):
        return f", e.g. `{loc[-1]}: {str(node).lower()}`"
    if isinstance(node, int | float | str) and not isinstance(node, bool):
        return f", e.g. `{loc[-1]}: {node}` as in the default scenario"
    return ""


RANGE_ERRORS = {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}


def _problem(err: Any, raw: CommentedMap) -> Problem:
    loc = tuple(k for k in err["loc"] if not (isinstance(k, str) and k.startswith("function-")))
    is_key = bool(loc) and loc[-1] == "[key]"
    place = loc[:-1] if is_key else loc
    path = ".".join(str(k) for k in place)
    named = [i for i, k in enumerate(place) if isinstance(k, str)]
    name = str(place[named[-1]]) if named else "the scenario"
    if named and named[-1] < len(place) - 1:  # an item of a list: school_holiday_months[2]
        name += "".join(f"[{k + 1 if isinstance(k, int) else k}]" for k in place[named[-1] + 1 :])
    kind = err["type"]
    msg = err["msg"]
    given = err.get("input")
    you_gave = f"you gave {_as_yaml(given)}"
    spec = field_spec(loc)
    meta, extra = spec if spec is not None else ([], {})
    unit = f" {extra['unit']}" if extra.get("unit") else ""
    why = f" ({extra['why']})" if extra.get("why") else ""
    bounds = _bounds(meta)
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
    elif kind in RANGE_ERRORS or (kind == "finite_number" and bounds):
        if bounds is None:  # a constraint without both ends: pydantic's own words
            hint = f"{you_gave}; use a value in range"
        else:
            msg = f"{name} must be {bounds[0]}{unit}{why}; you gave {_fmt(given)}"
            hint = f"use a value {bounds[1]}{unit}; check the unit and the decimal point"
    elif kind == "finite_number":
        msg = f"{name} must be a finite number (.nan and .inf cannot be planned with)"
        hint = f"{you_gave}; write a number"
    elif kind in ("float_type", "float_parsing"):
        msg = f"{name} must be a number, not {_what(given)}"
        hint = f"{you_gave}; write a number without quotes{_example(loc)}"
    elif kind in ("int_type", "int_parsing", "int_from_float"):
        msg = f"{name} must be a whole number, not {_what(given)}"
        if is_key:
            msg = f"the key {given!r} of {name} must be a whole number"
        hint = f"{you_gave}; write it without a decimal point or quotes{_example(loc)}"
    elif kind in ("bool_type", "bool_parsing"):
        msg = f"{name} must be true or false, not {_what(given)}"
        hint = f"{you_gave}; write true or false without quotes"
    elif kind == "string_type":
        msg = f"{name} must be text, not {_what(given)}"
        hint = f'{you_gave}; put it in quotes, e.g. `{name}: "{given}"`'
    elif kind in ("string_too_short", "string_pattern_mismatch"):
        msg = f"{name} must not be empty"
        hint = f"{you_gave}; write a name"
    elif kind == "string_too_long":
        msg = f"{name} is longer than {err.get('ctx', {}).get('max_length')} characters"
        hint = "shorten it"
    elif kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        msg = f"{name} must be one of {expected}, not {_what(given)}"
        hint = f"{you_gave}; write one of them exactly"
    elif kind in ("dict_type", "model_type", "model_attributes_type"):
        msg = f"{name} must be a section of `key: value` lines, not {_what(given)}"
        hint = f"{you_gave}; indent its fields under `{name}:` (see `cayo init`)"
    elif kind == "list_type":
        msg = f"{name} must be a list, not {_what(given)}"
        hint = f"{you_gave}; write [a, b] or one `- item` per line"
    elif kind == "path_type":
        msg = f"{name} must be a file path, not {_what(given)}"
        hint = f"{you_gave}; write the path as text"
    elif kind == "value_error":
        msg = msg.removeprefix("Value error, ")
        hint = "fix the values named above"
    else:
        hint = you_gave
    return Problem(path, line_of(raw, place), msg, hint)
