"""Every setting of a scenario file with its value and the unit and source its comment gives."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML


@dataclass(frozen=True)
class Assumption:
    """One scalar of the scenario: dotted path, 1-based line, value, its text, the comment."""

    path: str
    line: int
    value: Any
    text: str
    comment: str

    @property
    def numeric(self) -> bool:
        """The value is a number (not a flag)."""
        return isinstance(self.value, int | float) and not isinstance(self.value, bool)


def assumptions(text: str) -> list[Assumption]:
    """Every scalar of a scenario's YAML `text`, in file order.

    >>> a = assumptions("site:\\n  latitude: 21.75   # [deg] source: Wikipedia\\n")
    >>> a[0].path, a[0].line, a[0].value, a[0].comment
    ('site.latitude', 2, 21.75, '[deg] source: Wikipedia')
    """
    lines = text.splitlines()
    out: list[Assumption] = []

    def comment(line: int) -> str:
        return lines[line - 1].partition("#")[2].strip() if 0 < line <= len(lines) else ""

    def walk(node: Any, path: str, line: int) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                at = node.lc.data[key][0] + 1 if hasattr(node, "lc") else line
                walk(value, f"{path}.{key}" if path else str(key), at)
        elif isinstance(node, list):
            for i, value in enumerate(node):
                at = node.lc.data[i][0] + 1 if hasattr(node, "lc") and i in node.lc.data else line
                walk(value, f"{path}.{i}", at)
        else:
            out.append(
                Assumption(path, line, node, "" if node is None else str(node), comment(line))
            )

    walk(YAML(typ="rt").load(text), "", 1)
    return out
