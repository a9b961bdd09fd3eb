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
