"""A sweep's run store: one folder that cayo creates and owns.

    sweep.json                  what was swept: method, fields and ranges, stage, seed, the
                                scenario's hash, the variants' key, each variant's values
    runs/part-v00000.parquet    one row per finished variant, written atomically as it ends
    runs.parquet                every row in one table (DuckDB: ``SELECT * FROM
                                'runs.parquet'``; pandas: ``pd.read_parquet``), written at the end
    report.html                 the sweep report
    variants/v00000/            a variant's full results folder (``--save-results``)

A sweep interrupted in any way resumes in the same folder: the variants with a part are skipped.
A part carries the sweep's key in its Parquet metadata, so a part of another sweep is never
taken for one of this sweep's.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from cayo.errors import CayoError
from cayo.results.folder import MANIFEST, atomic_write, note_files, read_manifest, write_manifest
from cayo.scenario.io import LoadedScenario
from cayo.sweep.samples import Samples

SWEEP_JSON = "sweep.json"
RUNS = "runs"
TABLE = "runs.parquet"
REPORT = "report.html"
VARIANTS = "variants"
KEY = b"cayo_sweep"
FORMAT = "cayo-sweep/1"
_PART = re.compile(r"part-(v\d{5})\.parquet")
NOTE_EVERY_S = 2.0  # the manifest lists new parts at most this often (and at the end)


def part_name(variant: str) -> str:
    return f"{RUNS}/part-{variant}.parquet"


def spec(samples: Samples, stage: str, loaded: LoadedScenario) -> dict[str, Any]:
    """What `sweep.json` says of a sweep."""
    return {
        "format": FORMAT,
        "key": samples.key(),
        "method": samples.method,
        "stage": stage,
        "seed": samples.seed,
        "scenario_file": str(loaded.path),
        "scenario_sha256": loaded.sha256,
        "vary": [
            {
                "path": v.path,
                "low": v.low,
                "high": v.high,
                "points": v.points,
                "integer": v.integer,
                "base": samples.base[v.path],
            }
            for v in samples.varies
        ],
        "varied": samples.varied,
        "variants": samples.table.reset_index().to_dict(orient="records"),
    }


@dataclass
class RunStore:
    """The run store of one sweep in `folder` (created and checked by `open_store`)."""

    folder: Path
    key: str
    pending: list[str] = field(default_factory=list)
    noted: float = 0.0

    def done(self) -> set[str]:
        """Variants with a part of this sweep (finished, failed or not)."""
        out: set[str] = set()
        runs = self.folder / RUNS
        if not runs.is_dir():
            return out
        for f in runs.iterdir():
            m = _PART.fullmatch(f.name)
            if m and _key_of(f) == self.key:
                out.add(m[1])
        return out

    def add(self, row: dict[str, Any]) -> None:
        """Write one variant's row atomically (its part)."""
        table = pa.Table.from_pandas(pd.DataFrame([row]), preserve_index=False)
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), KEY: self.key})
        name = part_name(str(row["variant"]))
        atomic_write(self.folder / name, lambda tmp: pq.write_table(table, tmp))
        self.pending.append(name)
        saved = f"{VARIANTS}/{row['variant']}/{MANIFEST}"  # --save-results: the variant's folder
        if (self.folder / saved).is_file():
            self.pending.append(saved)
        if time.monotonic() - self.noted > NOTE_EVERY_S:
            self.flush()

    def flush(self) -> None:
        """List the parts written since the last call in the folder's manifest."""
        note_files(self.folder, self.pending)
        self.pending.clear()
        self.noted = time.monotonic()

    def rows(self) -> pd.DataFrame:
        """Every row of this sweep, in variant order (columns: variant, inputs, then outputs)."""
        parts = sorted((self.folder / RUNS).glob("part-v*.parquet"))
        frames = [pq.read_table(p).to_pandas() for p in parts if _key_of(p) == self.key]
        if not frames:
            return pd.DataFrame({"variant": pd.Series([], dtype=str)})
        return pd.concat(frames, ignore_index=True).sort_values("variant", ignore_index=True)

    def finish(self) -> pd.DataFrame:
        """Write `runs.parquet` (every row) atomically; return the rows."""
        self.flush()
        rows = self.rows()
        atomic_write(self.folder / TABLE, lambda tmp: rows.to_parquet(tmp, index=False))
        return rows


def _key_of(path: Path) -> str | None:
    try:
        meta = pq.read_schema(path).metadata or {}
    except (OSError, pa.ArrowException):
        return None
    raw = meta.get(KEY)
    return raw.decode() if raw else None


def check_store(folder: Path, samples: Samples, stage: str, restart: bool = False) -> bool:
    """Whether `folder` holds another sweep whose rows `restart` will remove; raises
    `CayoError` when it does and `restart` is not given. Writes nothing."""
    old = _read_spec(folder)
    if old is None or (old.get("key"), old.get("stage")) == (samples.key(), stage):
        return False
    if not restart:
        raise CayoError(
            f"{folder} holds another sweep ({old.get('method')} over "
            f"{', '.join(v['path'] for v in old.get('vary', []))}, stage "
            f"{old.get('stage')}); choose another folder with -o, or pass --restart to "
            "replace its rows"
        )
    return True


def open_store(
    folder: Path, samples: Samples, stage: str, loaded: LoadedScenario, restart: bool = False
) -> tuple[RunStore, int]:
    """The run store in `folder` (already checked by `check_output_dir(kind="sweep")`): a new
    one, or the same sweep's to resume (how many variants it has done). A folder holding
    another sweep is refused unless `restart`, which removes that sweep's rows first."""
    want = spec(samples, stage, loaded)
    clear = check_store(folder, samples, stage, restart)
    folder.mkdir(parents=True, exist_ok=True)
    store = RunStore(folder, want["key"])
    if clear:
        _clear(folder)
    if read_manifest(folder) is None:
        write_manifest(folder, "sweep", loaded)
    atomic_write(
        folder / SWEEP_JSON,
        lambda tmp: tmp.write_text(json.dumps(want, indent=1, default=float), encoding="utf-8"),
    )
    done = store.done()
    note_files(folder, [part_name(v) for v in sorted(done)])  # parts a killed run had not listed
    return store, len(done)


def adopt(folder: Path) -> None:
    """List in the manifest of sweep folder `folder` the parts of its own sweep that a killed run
    wrote but had not listed yet (only files carrying the sweep's key), so that the folder's
    checks see them as cayo's. Any other folder is left alone."""
    m = read_manifest(folder)
    doc = _read_spec(folder) if m is not None and m.kind == "sweep" else None
    if doc is not None:
        done = RunStore(folder, str(doc.get("key"))).done()
        note_files(folder, [part_name(v) for v in sorted(done)])


def _read_spec(folder: Path) -> dict[str, Any] | None:
    try:
        doc = json.loads((folder / SWEEP_JSON).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return doc if isinstance(doc, dict) and doc.get("format") == FORMAT else None


def _clear(folder: Path) -> None:
    """Remove the rows, table and report of the sweep in `folder` (files cayo listed)."""
    m = read_manifest(folder)
    listed = set(m.files) if m is not None else set()
    for name in listed:
        if name.startswith(f"{RUNS}/") or name in (TABLE, REPORT):
            (folder / name).unlink(missing_ok=True)
    if (folder / MANIFEST).is_file():
        write_manifest(folder, "sweep", None if m is None else m.scenario)


def load_rows(folder: Path) -> tuple[pd.DataFrame, dict[str, Any]]:
    """The rows and the spec of a finished or interrupted sweep folder."""
    doc = _read_spec(folder)
    if doc is None:
        raise CayoError(f"{folder} is not a sweep folder of cayo (no readable {SWEEP_JSON})")
    return RunStore(folder, doc["key"]).rows(), doc
