"""Where cayo writes: checks before the work starts, manifests, atomic folders and files, and the
clean-up of what killed runs left behind.

The user's files are sacred. cayo replaces a folder only if it wrote that folder itself (it carries
a valid manifest, ``.cayo-results.json``, and holds nothing the manifest does not list), for the
same scenario file, and never the current folder, an ancestor of it or a folder holding the
scenario file. Anything else is refused with one `OutputError` listing every problem, and nothing
in it is touched.

A folder or file is built beside its target under a temporary name carrying the writer's PID, then
renamed into place. SIGINT, SIGTERM and SIGHUP during a write become exceptions, so the temporary
is removed and a previous folder put back. A run killed outright (SIGKILL, power cut) leaves its
temporaries; the next write beside the same target removes them once their process is gone, and
puts back a previous folder that the crash left renamed away. Names beside a target ``NAME``::

    .NAME.tmp-PID        a folder being built; holds the marker file ``.cayo-tmp``
    .NAME.old-PID        the previous folder, renamed away during the swap; holds the marker too
    .NAME.cayo-tmp-PID   a single file being written by `atomic_write`
    .cayo-probe-PID      the empty file that proves a folder is writable (removed at once)

Only entries with these names whose process is dead *and* that carry cayo's marker (the marker
file inside a folder; the ``.cayo-`` name of a file) are ever removed, so a user's folder that
merely matches the pattern is left alone.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import Any

from cayo.errors import CayoError, Problem

MANIFEST = ".cayo-results.json"
"""File in every results folder cayo writes: what wrote it, for which scenario, which files."""
MARKER = ".cayo-tmp"
"""File inside a temporary folder (``.NAME.tmp-PID`` / ``.NAME.old-PID``): cayo made it."""
FILE_TMP = ".cayo-tmp-"
"""Infix of a temporary file's name: ``.NAME.cayo-tmp-PID``."""
PROBE = ".cayo-probe-"
"""Prefix of the empty file that proves a folder is writable."""
MANIFEST_FORMAT = "cayo-results/1"
KINDS = {"plan": "plan results", "stress": "stress results", "sweep": "sweep results"}
"""Kinds of results folder, with how messages name them."""
MB = 1_000_000
NEED_BYTES = {"plan": 200 * MB, "stress": 50 * MB, "sweep": 50 * MB}
"""Free space [bytes] asked for by `check_output_dir` before the work starts. The default
scenario's plan folder is 3.4 MB (its stress files 0.75 MB; measured, cayo 0.1.0); the margin
covers larger scenarios, the previous folder kept until the swap, and the disk filling up."""
WRITE_NEED_BYTES = {kind: need // 4 for kind, need in NEED_BYTES.items()}
"""Free space [bytes] asked for when the results are ready to be written (the work is done: only
refuse when the folder clearly cannot fit; a disk that fills up mid-write is reported too)."""
FILE_NEED_BYTES = 20 * MB
"""Free space [bytes] asked for before writing a single file (the default scenario's hourly
demand table is 0.5 MB, measured)."""
NAME_MAX = 255
"""Longest file name [bytes] when the file system does not say (Linux, macOS, Windows)."""
PATH_MAX = 4096
"""Longest path [bytes] when the file system does not say (Linux)."""
PID_DIGITS = 7
"""Digits of the largest PID (Linux allows up to 4,194,304)."""
DIR_RESERVE = len(".") + len(".tmp-") + PID_DIGITS
"""Bytes a folder's temporary name adds to its name."""
FILE_RESERVE = len(".") + len(FILE_TMP) + PID_DIGITS
"""Bytes a file's temporary name adds to its name."""
INNER_RESERVE = 64
"""Bytes kept for paths inside a results folder (``lp/.lp_parameters.json.cayo-tmp-PID``)."""
CRUFT = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})
"""Files a file browser drops into folders it shows; not the user's work."""
PACKAGE_PREFIX = "package:"
_DIR_LOCK = threading.RLock()
_FILE_LOCK = threading.RLock()


class OutputError(CayoError):
    """Results cannot be written where asked: every problem, each with how to fix it."""

    def __init__(self, target: str | Path, problems: list[Problem]):
        self.target = str(target)
        self.problems = list(problems)
        n = len(self.problems)
        where = _abbrev(self.target, 100)
        head = f"cannot write to {where}: {n} problem{'s' if n != 1 else ''} found"
        lines = [f"  - {p.message}\n    hint: {p.hint}" for p in self.problems]
        super().__init__("\n".join([head, *lines]))


def _p(message: str, hint: str) -> Problem:
    """One problem with where results should go, and how to fix it."""
    return Problem("", None, message, hint)


class Terminated(SystemExit):
    """SIGTERM or SIGHUP arrived while cayo was writing; exits with 128 + the signal number."""

    def __init__(self, signum: int):
        super().__init__(128 + signum)
        self.signum = signum


# --------------------------------------------------------------------------- scenario identity


@dataclass(frozen=True)
class ScenarioRef:
    """Which scenario a results folder belongs to.

    Attributes
    ----------
    identity : what makes two runs "the same scenario": the resolved path of its file, or
        ``package:cayo.data/<file>`` for a scenario shipped with cayo (stable across installs and
        versions). Not the hash of its text: editing your scenario and planning it again must
        replace its own previous results.
    path : the resolved path of the file.
    name : the scenario's name, if known.
    sha256 : hash of the scenario's text, if known.
    """

    identity: str
    path: str
    name: str | None = None
    sha256: str | None = None

    @classmethod
    def of(
        cls, path: str | os.PathLike[str], text: str | None = None, name: str | None = None
    ) -> ScenarioRef:
        """The reference of the scenario file at `path` (its `text` and `name` if known)."""
        resolved = _absolute(Path(path))
        identity = _package_identity(resolved) or str(resolved)
        sha = hashlib.sha256(text.encode()).hexdigest() if text is not None else None
        return cls(identity, str(resolved), name, sha)

    def describe(self) -> str:
        """How messages name the scenario."""
        if self.identity.startswith(PACKAGE_PREFIX):
            return f"the packaged default scenario ({self.identity.removeprefix(PACKAGE_PREFIX)})"
        return self.path

    def to_json(self) -> dict[str, Any]:
        return {
            "identity": self.identity,
            "path": self.path,
            "name": self.name,
            "sha256": self.sha256,
        }


ScenarioLike = ScenarioRef | str | os.PathLike[str] | Any | None
"""A `ScenarioRef`, a scenario file's path, a `LoadedScenario` (anything with ``path`` and
``text``), or None (unknown)."""


def _as_ref(scenario: ScenarioLike) -> ScenarioRef | None:
    if scenario is None or isinstance(scenario, ScenarioRef):
        return scenario
    if isinstance(scenario, str | os.PathLike):
        return ScenarioRef.of(scenario)
    path, text = getattr(scenario, "path", None), getattr(scenario, "text", None)
    if path is None:
        raise TypeError(f"not a scenario reference: {scenario!r}")
    name = getattr(getattr(scenario, "scenario", None), "name", None)
    return ScenarioRef.of(path, text, name)


def _package_identity(path: Path) -> str | None:
    """``package:cayo.data/<file>`` when `path` is a scenario shipped with cayo."""
    from importlib import resources

    try:
        data = _absolute(Path(str(resources.files("cayo.data"))))
        return f"{PACKAGE_PREFIX}cayo.data/{path.relative_to(data).as_posix()}"
    except (ValueError, TypeError, ModuleNotFoundError):
        return None


# --------------------------------------------------------------------------- manifest


@dataclass(frozen=True)
class Manifest:
    """What ``.cayo-results.json`` says about a results folder.

    Attributes
    ----------
    kind : ``"plan"`` or ``"stress"`` (see `KINDS`).
    cayo_version : version of cayo that wrote it.
    scenario : the scenario it belongs to (None: unknown).
    created : when it was written (ISO 8601, UTC).
    host, pid : the machine and process that wrote it.
    files : every file written, relative to the folder (``/``-separated), the manifest excluded.
    """

    kind: str
    cayo_version: str
    scenario: ScenarioRef | None
    created: str
    host: str
    pid: int
    files: tuple[str, ...]


def _parse_manifest(doc: Any) -> Manifest:
    if not isinstance(doc, dict) or doc.get("format") != MANIFEST_FORMAT:
        raise ValueError(f"not a {MANIFEST_FORMAT} manifest")
    if doc.get("kind") not in KINDS:
        raise ValueError(f"unknown kind {doc.get('kind')!r}")
    files = doc.get("files")
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        raise ValueError("'files' is not a list of names")
    s = doc.get("scenario")
    ref = None
    if s is not None:
        if not isinstance(s, dict) or not isinstance(s.get("identity"), str):
            raise ValueError("'scenario' has no identity")
        ref = ScenarioRef(s["identity"], str(s.get("path", "")), s.get("name"), s.get("sha256"))
    return Manifest(
        doc["kind"],
        str(doc.get("cayo_version", "?")),
        ref,
        str(doc.get("created", "")),
        str(doc.get("host", "")),
        int(doc.get("pid", 0)),
        tuple(files),
    )


def _load_manifest(folder: Path) -> tuple[Manifest | None, str | None]:
    """(manifest, None), (None, None) when there is none, or (None, why it is not valid)."""
    path = folder / MANIFEST
    if not os.path.lexists(path):
        return None, None
    try:
        return _parse_manifest(json.loads(path.read_text(encoding="utf-8"))), None
    except (OSError, ValueError, TypeError) as exc:
        return None, str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def read_manifest(folder: str | Path) -> Manifest | None:
    """The manifest of a results folder cayo wrote; None if it has none or it is not valid."""
    return _load_manifest(Path(folder))[0]


def scenario_of(folder: str | Path) -> ScenarioRef | None:
    """The scenario a results folder belongs to, from its manifest (None: unknown). `cayo stress
    --plan DIR` passes it on so the stress results belong to the plan's scenario."""
    m = read_manifest(folder)
    return m.scenario if m is not None else None


def _files_under(folder: Path) -> list[str]:
    out = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        rel = Path(root).relative_to(folder)
        for f in sorted(files):
            r = (rel / f).as_posix()
            if r not in (MANIFEST, MARKER):
                out.append(r)
    return out


def write_manifest(folder: Path, kind: str, scenario: ScenarioLike = None) -> Manifest:
    """Write `folder`'s manifest, listing every file in it now."""
    from cayo.version import __version__

    ref = _as_ref(scenario)
    doc = {
        "format": MANIFEST_FORMAT,
        "kind": kind,
        "cayo_version": __version__,
        "scenario": ref.to_json() if ref else None,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "files": sorted(_files_under(folder)),
    }
    (folder / MANIFEST).write_text(json.dumps(doc, indent=2), encoding="utf-8")
    return _parse_manifest(doc)


def _note_in_manifest(path: Path) -> None:
    """Add a file written later into a results folder (`cayo verdict --plan`, `cayo report`) to
    the folder's manifest, so the folder stays replaceable."""
    note_files(path.parent, [path.name])


def note_files(folder: Path, names: list[str]) -> None:
    """Add files written later into results folder `folder` (names relative to it,
    ``/``-separated) to its manifest, in one rewrite of the manifest."""
    m_path = folder / MANIFEST
    if not m_path.is_file():
        return
    try:
        doc = json.loads(m_path.read_text(encoding="utf-8"))
        m = _parse_manifest(doc)
    except (OSError, ValueError, TypeError):
        return
    new = set(names) - set(m.files)
    if not new:
        return
    doc["files"] = sorted([*m.files, *new])
    tmp = m_path.parent / f".{MANIFEST}{FILE_TMP}{os.getpid()}"
    try:
        tmp.write_text(json.dumps(doc, indent=2), encoding="utf-8")
        os.replace(tmp, m_path)
    except OSError:
        tmp.unlink(missing_ok=True)


# --------------------------------------------------------------------------- processes, signals


def pid_alive(pid: int) -> bool:
    """Whether process `pid` may still be running (zombies count as dead; when unsure, alive)."""
    if pid <= 0 or pid == os.getpid() or os.name == "nt":  # Windows: os.kill would end it
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    except (OverflowError, ValueError):
        return False  # no process can have it
    except OSError:
        return True
    try:  # an unreaped zombie answers signal 0 but will never finish its write
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _is_ours(handler: Any) -> bool:
    return getattr(handler, "_cayo", False) is True


@contextlib.contextmanager
def signals_as_exceptions() -> Iterator[None]:
    """While writing, SIGINT raises KeyboardInterrupt and SIGTERM / SIGHUP raise `Terminated`, so
    ``except``/``finally`` clean-up runs; previous handlers are restored on exit.

    Installed only in the main thread (Python allows no other) and only over the default
    handlers: a handler someone else installed, or an ignored signal, is left alone. After the
    first signal further ones are ignored until the block ends, so a second Ctrl-C cannot
    interrupt the clean-up.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    fired = False

    def handler(signum: int, frame: FrameType | None) -> None:
        nonlocal fired
        if fired:
            return
        fired = True
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        raise Terminated(signum)

    handler._cayo = True  # type: ignore[attr-defined]
    wanted: list[signal.Signals] = [signal.SIGINT, signal.SIGTERM]
    if hasattr(signal, "SIGHUP"):
        wanted.append(signal.SIGHUP)
    previous: dict[signal.Signals, Any] = {}
    for sig in wanted:
        current = signal.getsignal(sig)
        defaults: tuple[Any, ...] = (signal.SIG_DFL,)
        if sig == signal.SIGINT:
            defaults = (signal.SIG_DFL, signal.default_int_handler)
        if _is_ours(current) or not any(current is d for d in defaults):
            continue
        previous[sig] = current
        signal.signal(sig, handler)
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


# --------------------------------------------------------------------------- stale temporaries


def _marker_doc(folder: Path) -> dict[str, Any] | None:
    """The marker of a temporary folder: its JSON, ``{}`` if unreadable, None if absent."""
    path = folder / MARKER
    if not path.is_file() or path.is_symlink():
        return None
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        return doc if isinstance(doc, dict) else {}
    except (OSError, ValueError):
        return {}  # killed while writing the marker: still cayo's file name


def _write_marker(folder: Path, target: Path) -> None:
    doc = {
        "cayo": "temporary",
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "target": target.name,
    }
    (folder / MARKER).write_text(json.dumps(doc), encoding="utf-8")


def _unmark(folder: Path) -> None:
    """Remove this process's marker from `folder` (a swapped-in or restored folder)."""
    doc = _marker_doc(folder)
    if doc is not None and doc.get("pid") in (os.getpid(), None):
        with contextlib.suppress(OSError):
            (folder / MARKER).unlink()


def _remove_marked(folder: Path) -> None:
    """Delete a temporary folder, its marker last, so a kill midway leaves it still marked."""
    for entry in os.scandir(folder):
        if entry.name == MARKER:
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path)
        else:
            os.unlink(entry.path)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(folder / MARKER)
    os.rmdir(folder)


def _dead_and_ours(folder: Path, pid: int) -> bool:
    """A temporary folder of a dead cayo run on this machine."""
    doc = _marker_doc(folder)
    if doc is None or pid_alive(pid):
        return False
    if doc.get("host") not in (None, socket.gethostname()):
        return False  # another machine's run on a shared disk: its PIDs are not ours to check
    return doc.get("pid") in (None, pid)


def clean_stale(target: str | Path) -> list[str]:
    """Tidy what killed cayo runs left beside `target`; returns a line per action.

    Removes ``.NAME.tmp-PID`` folders, ``.NAME.cayo-tmp-PID`` files and ``.cayo-probe-PID``
    files of dead processes; a ``.NAME.old-PID`` folder of a dead process is put back as
    ``NAME`` if ``NAME`` is missing (the run died between its two renames), else removed.
    Folders must carry cayo's marker; anything else is left alone.
    """
    target = Path(target)
    parent, name = target.parent, target.name
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return []
    folder_re = re.compile(rf"\.{re.escape(name)}\.(tmp|old)-([0-9]+)")
    file_re = re.compile(rf"\.{re.escape(name)}{re.escape(FILE_TMP)}([0-9]+)|{PROBE}([0-9]+)")
    done: list[str] = []
    olds: list[Path] = []
    for e in entries:
        path = Path(e.path)
        try:
            if m := folder_re.fullmatch(e.name):
                if not e.is_dir(follow_symlinks=False) or not _dead_and_ours(path, int(m[2])):
                    continue
                if m[1] == "old":
                    olds.append(path)
                else:
                    _remove_marked(path)
                    done.append(f"removed {path} (left by dead process {m[2]})")
            elif m := file_re.fullmatch(e.name):
                if e.is_file(follow_symlinks=False) and not pid_alive(int(m[1] or m[2])):
                    path.unlink()
                    done.append(f"removed {path} (left by dead process {m[1] or m[2]})")
        except OSError:
            continue
    olds.sort(key=lambda p: (p / MARKER).stat().st_mtime if (p / MARKER).exists() else 0.0)
    for old in reversed(olds):  # newest first
        try:
            if not os.path.lexists(target):
                os.rename(old, target)
                with contextlib.suppress(OSError):
                    (target / MARKER).unlink()
                done.append(f"restored {target} from {old.name} (a run died mid-swap)")
            else:
                _remove_marked(old)
                done.append(f"removed {old} (previous folder of a dead run)")
        except OSError:
            continue
    return done


# --------------------------------------------------------------------------- checks


def _absolute(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def _show(path: Path) -> str:
    """`path` relative to the current folder when inside it, else absolute."""
    try:
        rel = path.relative_to(_absolute(Path.cwd()))
        return str(rel) if str(rel) != "." else "."
    except (ValueError, OSError):
        return str(path)


def _nearest_existing(path: Path) -> Path:
    while not os.path.lexists(path) and path != path.parent:
        path = path.parent
    return path


def _pathconf(path: Path, name: str, default: int) -> int:
    try:
        value = os.pathconf(path, name)
        return value if value > 0 else default
    except (OSError, ValueError, AttributeError):
        return default


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "scenario"


def _free_name(path: Path) -> Path:
    """`path`, or `path`-2, -3 … : the first that does not exist."""
    candidate, n = path, 1
    while os.path.lexists(candidate):
        n += 1
        candidate = path.with_name(f"{path.name}-{n}")
    return candidate


def _abbrev(text: str, keep: int = 40) -> str:
    return text if len(text) <= keep else text[: keep - 1] + "…"


def _length_problems(path: Path, reserve: int, inner: int, what: str) -> list[Problem]:
    """Names longer than the file system allows (the last one with room for cayo's temporary
    name), or a path too long."""
    base = _nearest_existing(path.parent)
    name_max = _pathconf(base, "PC_NAME_MAX", NAME_MAX)
    path_max = _pathconf(base, "PC_PATH_MAX", PATH_MAX)
    out = []
    parts = path.parts[1:]
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        n = len(os.fsencode(part))
        limit = name_max - reserve if last else name_max
        if n > limit:
            room = f" ({name_max} allowed, {reserve} kept for cayo's temporary name)"
            out.append(
                _p(
                    f"the {what if last else 'folder'} name '{_abbrev(part)}' is {n} bytes long; "
                    f"at most {limit} bytes fit here{room if last else ''}",
                    "choose a shorter name with -o",
                )
            )
    n = len(os.fsencode(str(path))) + reserve + inner
    if n >= path_max:
        out.append(
            _p(
                f"the path is {len(os.fsencode(str(path)))} bytes long; with the names cayo writes "
                f"inside and beside it it would pass the file system's limit of {path_max} bytes",
                "choose a shorter path with -o",
            )
        )
    return out


def _danger_problems(path: Path, shown: str, ref: ScenarioRef | None) -> list[Problem]:
    """The current folder, one of its ancestors, the scenario's folder or an ancestor of it, the
    home folder or the root: cayo never renames these away."""
    out = []
    hint = "choose a new folder for the results with -o, e.g. -o results/<name>"
    try:
        cwd: Path | None = _absolute(Path.cwd())
    except OSError:
        cwd = None
    if cwd is not None and path == cwd:
        out.append(_p(f"{shown} is the current folder ({cwd})", hint))
    elif cwd is not None and path in cwd.parents:
        out.append(_p(f"{shown} contains the current folder ({cwd})", hint))
    if ref is not None and ref.path:
        scen = Path(ref.path)
        if path == scen.parent or path in scen.parents:
            out.append(
                _p(
                    f"{shown} holds the scenario file {scen}",
                    hint + "; keep the scenario outside the results folder",
                )
            )
    home = Path.home()
    if not out and (path == home or path in home.parents):
        out.append(_p(f"{shown} is your home folder or one above it", hint))
    return out


def _foreign_entries(folder: Path, manifest: Manifest, prefix: str = "") -> list[str]:
    """Entries of a cayo results folder that its manifest does not list: the user's."""
    listed = set(manifest.files)
    listed_dirs = {p.as_posix() for f in manifest.files for p in Path(f).parents} - {"."}
    out: list[str] = []

    def walk(d: Path, rel: str) -> None:
        for e in sorted(os.scandir(d), key=lambda e: e.name):
            r = f"{rel}{e.name}"
            if (not rel and e.name in (MANIFEST, MARKER)) or e.name in CRUFT:
                continue
            if FILE_TMP in e.name and re.fullmatch(rf"\..+{re.escape(FILE_TMP)}[0-9]+", e.name):
                continue  # a killed `atomic_write`'s temporary file
            if e.is_dir(follow_symlinks=False):
                sub, _ = _load_manifest(Path(e.path))
                if sub is not None:  # a results folder of its own (`cayo stress --plan DIR`)
                    out.extend(_foreign_entries(Path(e.path), sub, f"{prefix}{r}/"))
                elif re.fullmatch(r"\..+\.(tmp|old)-[0-9]+", e.name) and _marker_doc(Path(e.path)):
                    continue  # a temporary folder of a cayo run
                elif r in listed_dirs:
                    walk(Path(e.path), f"{r}/")
                elif any(True for _ in Path(e.path).rglob("*") if not _.is_dir()):
                    out.append(f"{prefix}{r}/")
            elif r not in listed:
                out.append(f"{prefix}{r}")

    walk(folder, "")
    return out


def _listing(names: list[str], most: int = 5) -> str:
    shown = ", ".join(names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


def _existing_problems(
    folder: Path, shown: str, kind: str, ref: ScenarioRef | None, replace_other: bool
) -> list[Problem]:
    """Why the existing folder `folder` may not be replaced (empty list: it may)."""
    try:
        entries = sorted(e.name for e in os.scandir(folder))
    except OSError as exc:
        return [
            _p(
                f"cannot look inside {shown} ({exc.strerror})",
                "choose another folder with -o",
            )
        ]
    if not entries or entries == [MARKER]:
        return []
    elsewhere = f"-o {_show(_free_name(folder))}"
    manifest, invalid = _load_manifest(folder)
    if manifest is None:
        names = [e + ("/" if (folder / e).is_dir() else "") for e in entries]
        why = f"its {MANIFEST} cannot be read ({invalid})" if invalid else f"it has no {MANIFEST}"
        return [
            _p(
                f"{shown} already exists and was not written by cayo ({why}); it holds "
                f"{len(entries)} entr{'ies' if len(entries) != 1 else 'y'}: {_listing(names)}. "
                "cayo replaces only folders it wrote, and has touched nothing in it",
                f"choose another folder ({elsewhere}), or move or remove {shown} yourself "
                "(results of an older cayo carry no manifest: remove them yourself)",
            )
        ]
    out = []
    try:
        foreign = _foreign_entries(folder, manifest)
    except OSError as exc:
        return [
            _p(
                f"cannot look inside {shown} ({exc.strerror}): {exc.filename}",
                "choose another folder with -o",
            )
        ]
    if foreign:
        out.append(
            _p(
                f"{shown} holds cayo's {KINDS[manifest.kind]} but also {len(foreign)} "
                f"entr{'ies' if len(foreign) != 1 else 'y'} cayo did not write: "
                f"{_listing(foreign)}; "
                "replacing the folder would delete them, so nothing in it was touched",
                f"move those out of {shown}, or choose another folder ({elsewhere})",
            )
        )
    if replace_other:
        return out
    if manifest.kind != kind:
        out.append(
            _p(
                f"{shown} holds {KINDS[manifest.kind]}; writing {KINDS[kind]} there would "
                "replace them",
                f"choose another folder ({elsewhere}), or pass --overwrite to replace them",
            )
        )
    old_id = manifest.scenario.identity if manifest.scenario else None
    new_id = ref.identity if ref else None
    if old_id != new_id:
        theirs = manifest.scenario.describe() if manifest.scenario else "an unknown scenario"
        mine = ref.describe() if ref else "an unknown scenario"
        stem = Path(ref.path).stem if ref and ref.path else (ref.name if ref else None) or "other"
        other = folder.parent / _slug(stem)
        other = _free_name(other) if other == folder or os.path.lexists(other) else other
        out.append(
            _p(
                f"{shown} holds the results of another scenario, {theirs}; "
                f"this run is of {mine}, and would replace them",
                f"write these results elsewhere with -o {_show(other)}, or pass --overwrite to "
                "replace the other scenario's results",
            )
        )
    return out


def _probe(folder: Path) -> str | None:
    """Create and remove an empty file in `folder`: None if that worked, else why not."""
    probe = folder / f"{PROBE}{os.getpid()}"
    try:
        fd = os.open(probe, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        return exc.strerror or type(exc).__name__
    return None


def _parent_problems(path: Path, need_bytes: int, what: str) -> list[Problem]:
    """The nearest existing folder above `path` must be a folder we can write in, with room."""
    base = _nearest_existing(path.parent)
    if not base.is_dir():
        return [
            _p(
                f"{base} is a file, so no {what} can be made inside it",
                "choose a path inside a folder with -o",
            )
        ]
    why = _probe(base)
    if why is not None:
        return [
            _p(
                f"cannot create files in {base} ({why})",
                "choose a folder you can write to with -o, or fix its permissions",
            )
        ]
    try:
        free = shutil.disk_usage(base).free
    except OSError:
        return []
    if free < need_bytes:
        return [
            _p(
                f"only {free / MB:,.0f} MB free on the disk of {base}; writing this {what} "
                f"needs about {need_bytes / MB:,.0f} MB",
                "free some space, or choose a folder on another disk with -o",
            )
        ]
    return []


def check_output_dir(
    path: str | os.PathLike[str],
    scenario: ScenarioLike = None,
    *,
    kind: str = "plan",
    replace_other: bool = False,
    need_bytes: int | None = None,
) -> Path:
    """Check, before any long work, that a results folder can be written at `path`; return it
    resolved. Raises `OutputError` listing every problem at once.

    Refused: a path that exists and is not a folder; the current folder or an ancestor of it, a
    folder holding the scenario file, the home folder; an existing non-empty folder cayo did not
    write (no valid manifest), or one holding files its manifest does not list; cayo's results of
    another scenario file or of another kind (unless `replace_other`); a name longer than the
    file system allows, or a path too long; a parent folder that is a file or not writable (an
    empty file is created and removed there to prove it); less free space than `need_bytes`
    (default `NEED_BYTES[kind]`). An empty existing folder is accepted.

    Side effect: what dead cayo runs left beside `path` is tidied first (`clean_stale`), which
    may put back a previous results folder a crash left renamed away.

    Parameters
    ----------
    path : the results folder.
    scenario : the scenario being written (a path, a `ScenarioRef` or a `LoadedScenario`).
    kind : ``"plan"`` or ``"stress"``.
    replace_other : allow replacing cayo's results of another scenario or kind (``--overwrite``).
    need_bytes : free space required [bytes].
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {sorted(KINDS)}, not {kind!r}")
    ref = _as_ref(scenario)
    shown = str(path)
    if "\0" in os.fspath(path):
        raise OutputError(
            shown,
            [_p("the path contains a NUL character", "choose another path with -o")],
        )
    target = _absolute(Path(path))
    problems = _length_problems(target, DIR_RESERVE, INNER_RESERVE, "folder")
    danger = _danger_problems(target, shown, ref)
    problems += danger
    if not problems:
        clean_stale(target)
        if os.path.isdir(target):
            problems += _existing_problems(target, shown, kind, ref, replace_other)
        elif os.path.lexists(target):
            kind_of = "a file" if os.path.isfile(target) else "not a folder"
            problems.append(
                _p(
                    f"{shown} exists and is {kind_of}; results go in a folder",
                    "choose a folder name with -o, e.g. -o "
                    + _show(_free_name(target.with_name(f"{target.stem}-results"))),
                )
            )
    if not danger:
        problems += _parent_problems(
            target,
            NEED_BYTES[kind] if need_bytes is None else need_bytes,
            KINDS[kind].replace(" results", " results folder"),
        )
    if problems:
        raise OutputError(shown, problems)
    return target


def check_output_file(
    path: str | os.PathLike[str],
    scenario: ScenarioLike = None,
    *,
    need_bytes: int = FILE_NEED_BYTES,
) -> Path:
    """Check, before any long work, that a single file (``cayo demand -o FILE``, ``cayo program
    --csv FILE``) can be written at `path`; return it resolved. Raises `OutputError` listing
    every problem: an existing folder or anything but a regular file there; the scenario file
    itself; a name or path too long; a parent that is a file or not writable; too little space.
    An existing regular file is replaced (atomically, by `atomic_write`).
    """
    ref = _as_ref(scenario)
    shown = str(path)
    if "\0" in os.fspath(path):
        raise OutputError(shown, [_p("the path contains a NUL character", "choose another path")])
    target = _absolute(Path(path))
    problems = _length_problems(target, FILE_RESERVE, 0, "file")
    if not problems:
        clean_stale(target)
        problems += _file_kind_problems(target, shown)
    if ref is not None and ref.path and Path(ref.path) == target:
        problems.append(
            _p(
                f"{shown} is the scenario file; writing there would replace it",
                "choose another file name",
            )
        )
    problems += _parent_problems(target, need_bytes, "file")
    if problems:
        raise OutputError(shown, problems)
    return target


def _file_kind_problems(target: Path, shown: str) -> list[Problem]:
    if os.path.isdir(target):
        return [
            _p(
                f"{shown} is an existing folder; a file is wanted here",
                f"give a file path, e.g. {_show(target / 'NAME')} with the file's "
                "name and extension",
            )
        ]
    if os.path.lexists(target) and not os.path.isfile(target):
        return [
            _p(
                f"{shown} exists and is not a regular file (a device, pipe, socket or broken link)",
                "choose another file name",
            )
        ]
    return []


# --------------------------------------------------------------------------- writing


def _claim(path: Path, target: Path | None = None) -> None:
    """Make way for this process's temporary `path`: a leftover carrying cayo's marker (of an
    earlier process that had the same PID) is removed, or put back as `target` when that is
    missing; anything else is refused."""
    if not os.path.lexists(path):
        return
    if path.is_dir() and not path.is_symlink() and _marker_doc(path) is not None:
        if target is not None and not os.path.lexists(target):
            os.rename(path, target)
            _unmark(target)
        else:
            _remove_marked(path)
        return
    raise OutputError(
        path.parent,
        [
            _p(
                f"{path.name} is in the way of cayo's temporary name and cayo did not make it",
                f"move or remove {path} yourself",
            )
        ],
    )


def _undo(tmp: Path, old: Path, folder: Path) -> None:
    """After an error or interrupt: drop the temporary, put the previous folder back (or, if the
    new one was already in place, drop the previous one)."""
    swapped = os.path.lexists(old) and not os.path.lexists(tmp)
    with contextlib.suppress(OSError):
        if os.path.lexists(tmp):
            _remove_marked(tmp)
    with contextlib.suppress(OSError):
        if os.path.lexists(old):
            if swapped:
                _remove_marked(old)
            elif not os.path.lexists(folder):
                os.rename(old, folder)
    with contextlib.suppress(OSError):
        if os.path.isdir(folder):
            _unmark(folder)


def atomic_dir(
    folder: str | os.PathLike[str],
    fill: Callable[[Path], object],
    *,
    kind: str = "plan",
    scenario: ScenarioLike = None,
    replace_other: bool = False,
    need_bytes: int | None = None,
) -> Path:
    """Build a results folder atomically: `fill(tmp)` writes into ``.NAME.tmp-PID`` beside
    `folder` (it exists, holding only cayo's marker), a manifest is added, and the folder is
    swapped in (a previous one renamed to ``.NAME.old-PID`` first, deleted last). On any error
    or signal the temporary is removed and a previous folder put back; a disk that fills up
    mid-write is an `OutputError`. `check_output_dir` runs first with the same arguments (free
    space: `WRITE_NEED_BYTES` unless `need_bytes`), so a folder cayo may not replace is refused
    untouched. Writes of one process are serialised (its threads share the PID in the
    temporary names). Returns the resolved folder.
    """
    ref = _as_ref(scenario)
    need = WRITE_NEED_BYTES[kind] if need_bytes is None else need_bytes
    with _DIR_LOCK:  # threads of one process share its PID, hence the temporary names
        target = check_output_dir(
            folder, ref, kind=kind, replace_other=replace_other, need_bytes=need
        )
        return _swap_in(target, str(folder), fill, kind, ref, replace_other)


def _swap_in(
    target: Path,
    shown: str,
    fill: Callable[[Path], object],
    kind: str,
    ref: ScenarioRef | None,
    replace_other: bool,
) -> Path:
    pid = os.getpid()
    tmp = target.parent / f".{target.name}.tmp-{pid}"
    old = target.parent / f".{target.name}.old-{pid}"
    with signals_as_exceptions():
        target.parent.mkdir(parents=True, exist_ok=True)
        _claim(tmp)
        _claim(old, target)
        try:
            tmp.mkdir()
            _write_marker(tmp, target)
            fill(tmp)
            write_manifest(tmp, kind, ref)
            if os.path.lexists(target):
                late = _existing_problems(target, shown, kind, ref, replace_other)
                if late:  # something changed since the check
                    raise OutputError(shown, late)
                with contextlib.suppress(OSError):
                    _write_marker(target, target)
                _rename(target, old, shown)
            _rename(tmp, target, shown)
        except BaseException as exc:
            _undo(tmp, old, target)
            if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
                raise OutputError(shown, [_no_space(target, exc)]) from exc
            raise
        _unmark(target)
        if os.path.lexists(old):
            _remove_marked(old)
    return target


def _no_space(target: Path, exc: OSError) -> Problem:
    return _p(
        f"the disk of {target.parent} filled up while writing ({exc.strerror}); the "
        "temporary copy was removed and nothing else was changed",
        "free some space, or choose a folder on another disk with -o",
    )


def _rename(src: Path, dst: Path, shown: str) -> None:
    try:
        os.rename(src, dst)
    except OSError as exc:
        raise OutputError(
            shown,
            [
                _p(
                    f"cannot rename {src.name} to {dst.name} in {dst.parent} ({exc.strerror})",
                    "if it is a mount point or in use by another program, choose another folder "
                    "with -o",
                )
            ],
        ) from exc


def atomic_write(path: str | os.PathLike[str], write: Callable[[Path], object]) -> Path:
    """Write one file atomically: `write(tmp)` fills ``.NAME.cayo-tmp-PID`` beside `path`, which
    is then renamed onto it; on any error or signal the temporary is removed and `path` is
    untouched. Refuses (`OutputError`) an existing folder or non-regular file at `path` and a
    name too long; removes temporaries of dead runs beside it first. Returns the resolved path.
    """
    shown = str(path)
    target = _absolute(Path(path))
    problems = _length_problems(target, FILE_RESERVE, 0, "file") or _file_kind_problems(
        target, shown
    )
    base = _nearest_existing(target.parent)
    if not problems and not base.is_dir():
        problems.append(
            _p(
                f"{base} is a file, so no file can be made inside it",
                "choose a path inside a folder",
            )
        )
    if problems:
        raise OutputError(shown, problems)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.parent / f".{target.name}{FILE_TMP}{os.getpid()}"
    with _FILE_LOCK, signals_as_exceptions():
        clean_stale(target)
        try:
            write(tmp)
            os.replace(tmp, target)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                if os.path.isdir(tmp) and not os.path.islink(tmp):
                    shutil.rmtree(tmp)
                else:
                    tmp.unlink(missing_ok=True)
            if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
                raise OutputError(shown, [_no_space(target, exc)]) from exc
            raise
        _note_in_manifest(target)
    return target
