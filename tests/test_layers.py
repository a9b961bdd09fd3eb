"""No circular imports inside cayo, counting imports inside functions too (a cycle hidden in a
function is still a cycle of the design; imports for type hints only are not run and do not
count); the order of `shared/DESIGN.md`'s layers holds: a
model package never imports the pipeline, the CLI, the results folder or the report."""

from __future__ import annotations

import ast
from pathlib import Path

import cayo

SRC = Path(cayo.__file__).parent
TOP = ("cayo.pipeline", "cayo.cli", "cayo.__main__")
MODELS = ("scenario", "program", "weather", "demand", "supply", "stress", "finance")


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports() -> dict[str, set[str]]:
    """Module → the cayo modules it imports anywhere (a package import counts as its
    ``__init__``; ``from cayo.x import y`` counts cayo.x.y when that is a module)."""
    modules = {module_name(p): p for p in SRC.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in list(ast.walk(tree)):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                node.body = []  # imports for type hints only are not run
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if node.module.startswith("cayo"):
                    for alias in node.names:
                        sub = f"{node.module}.{alias.name}"
                        found.add(sub if sub in modules else node.module)
            elif isinstance(node, ast.Import):
                found |= {a.name for a in node.names if a.name.startswith("cayo")}
        graph[name] = {m for m in found if m in modules and m != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every cycle found by a depth-first walk (each reported once, from its first module)."""
    found: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def walk(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                found.append(stack[stack.index(n) :] + [n])
            elif n not in state:
                walk(n)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            walk(m)
    return found


def test_no_module_imports_itself_through_others() -> None:
    found = cycles(imports())
    assert not found, "import cycles:\n" + "\n".join(" → ".join(c) for c in found)


def test_model_packages_do_not_import_the_layers_above_them() -> None:
    bad = []
    for name, used in imports().items():
        if name.split(".")[1:2] and name.split(".")[1] in MODELS:
            above = [m for m in used if m in TOP or m.startswith(("cayo.results", "cayo.report"))]
            bad += [f"{name} imports {m}" for m in above]
    assert not bad, "\n".join(bad)


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c", "a"]]
