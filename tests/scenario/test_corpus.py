"""Every malformed scenario of the corpus (tests/scenario/corpus.py) gives one ScenarioError,
within 2 s, naming the field at fault (or, for a problem of the whole file, saying what it is).

The corpus is made from the packaged default by targeted edits, so it follows the default as
it evolves; `python tests/scenario/corpus.py` runs it on its own, each case in a child process
with a time and memory limit, which is how it was measured on the loader before this guard.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest
from scenario.corpus import CORPUS, DEFAULT, PATCHES, Bad, load_case, names_the_field

from cayo.errors import CayoError, ScenarioError
from cayo.scenario.io import load_scenario, parse_scenario

pytestmark = pytest.mark.slow  # the whole corpus of broken scenarios (148 files)

# the promise: a clear error before any computing, within 2 s. Measured as CPU time of this
# process, so that other work on a busy machine does not fail it (a hang or a runaway parse
# burns CPU all the same; `python tests/scenario/corpus.py` reports wall-clock times).
SECONDS = 2.0


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    """Import what loading imports (pandas, the norm table, pvlib) outside the timings."""
    load_scenario()


def test_the_corpus_is_large_and_covers_every_class() -> None:
    kinds = Counter(case.kind for case in CORPUS)
    assert len(CORPUS) >= 80
    assert set(kinds) == {"type", "range", "relation", "yaml", "file", "weather"}
    assert min(kinds.values()) >= 4, kinds
    assert len({case.name for case in CORPUS}) == len(CORPUS)
    assert set(PATCHES) == {c.patch for c in CORPUS if c.patch}


@pytest.mark.parametrize("case", CORPUS, ids=[c.name for c in CORPUS])
def test_malformed_scenario_gives_one_clear_error(case: Bad, tmp_path: Path) -> None:
    made = case.make(tmp_path)
    start = time.process_time()
    with pytest.raises(ScenarioError) as info:
        load_case(case, tmp_path, made)
    seconds = time.process_time() - start
    err = info.value
    assert isinstance(err, CayoError)  # the CLI prints it without a traceback, exit code 2
    report = str(err)
    paths = [p.path for p in err.problems]
    assert names_the_field(case, report, paths), report
    assert seconds < SECONDS, f"{case.name}: {seconds:.2f} s"
    # the report's promises: a head line, then every problem with where, what and how to fix
    n = len(err.problems)
    assert report.splitlines()[0] == f"{err.file}: {n} problem{'s' if n != 1 else ''} found"
    text = (
        made.read_bytes().decode("utf-8", "replace")
        if isinstance(made, Path) and made.is_file()
        else ""
    )
    n_lines = max(1, len((made if isinstance(made, str) else text).splitlines()))
    for p in err.problems:
        assert p.message.strip() and p.hint.strip(), p
        # a problem names its field or line; only a file that cannot be read (or is empty)
        # has neither
        assert p.path or p.line is not None or case.kind == "file" or case.name == "empty", p
        assert p.line is None or 1 <= p.line <= n_lines, p
        assert p.format(err.file) in report
    assert "Traceback" not in report


@pytest.mark.parametrize(
    "name",
    ["billion_laughs", "deep_flow_10000", "deep_block_300", "huge_text_50mb", "nul_byte",
     "python_object_tag", "top_level_list", "top_level_scalar", "too_many_lines",
     "too_many_values", "recursive_alias", "control_char"],
)  # fmt: skip
def test_yaml_abuse_is_refused_from_a_file_and_from_text(name: str, tmp_path: Path) -> None:
    """The guards hold for load_scenario(path) and parse_scenario(text) alike, with the same
    problems (also when the text is given as bytes)."""
    case = next(c for c in CORPUS if c.name == name)
    text = case.make(tmp_path)
    assert isinstance(text, str)
    path = tmp_path / "abuse.yaml"
    path.write_text(text, encoding="utf-8")
    reports = []
    for load in (
        lambda: load_scenario(path),
        lambda: parse_scenario(text, path),
        lambda: parse_scenario(text.encode("utf-8"), path),
    ):
        start = time.process_time()
        with pytest.raises(ScenarioError) as info:
            load()
        assert time.process_time() - start < SECONDS
        reports.append(str(info.value))
    assert reports[0] == reports[1] == reports[2]
    assert case.words.lower() in reports[0].lower()


def test_the_default_scenario_is_not_in_the_corpus(tmp_path: Path) -> None:
    """Each text case differs from the default (an edit that silently failed tests nothing)."""
    for case in CORPUS:
        folder = tmp_path / case.name
        folder.mkdir()
        made = case.make(folder) if case.kind not in ("file", "weather") else None
        if isinstance(made, str):
            assert made != DEFAULT, case.name
