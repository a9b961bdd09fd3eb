"""A small sparse LP builder for highspy, and its solve.

Variables and constraints are added in named blocks; the matrix is assembled once, column-wise,
with numpy and handed to HiGHS in one call. Building the default year's LP takes milliseconds.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import highspy
import numpy as np

from cayo.errors import CayoError

INF = highspy.kHighsInf


@dataclass
class LinearProgram:
    """min cᵀx  s.t.  row_lo ≤ A x ≤ row_hi,  col_lo ≤ x ≤ col_hi."""

    cost: list[np.ndarray] = field(default_factory=list)
    col_lo: list[np.ndarray] = field(default_factory=list)
    col_hi: list[np.ndarray] = field(default_factory=list)
    row_lo: list[np.ndarray] = field(default_factory=list)
    row_hi: list[np.ndarray] = field(default_factory=list)
    entries: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = field(default_factory=list)
    columns: dict[str, np.ndarray] = field(default_factory=dict)
    rows: dict[str, np.ndarray] = field(default_factory=dict)
    hours_of: dict[str, np.ndarray] = field(default_factory=dict)  # hours of sparse blocks
    n_cols: int = 0
    n_rows: int = 0

    def add_variables(
        self,
        name: str,
        n: int,
        lo: float | np.ndarray = 0.0,
        hi: float | np.ndarray = INF,
        cost: float | np.ndarray = 0.0,
    ) -> np.ndarray:
        """Add `n` variables named `name`; returns their column indices."""
        idx = np.arange(self.n_cols, self.n_cols + n)
        self.n_cols += n
        self.cost.append(np.broadcast_to(np.asarray(cost, float), n))
        self.col_lo.append(np.broadcast_to(np.asarray(lo, float), n))
        self.col_hi.append(np.broadcast_to(np.asarray(hi, float), n))
        self.columns[name] = idx
        return idx

    def raise_lower(self, name: str, lo: float) -> None:
        """Raise the lower bound of every variable of block `name` to at least `lo` (and its upper
        bound with it when a cap lies below: what exists stays built)."""
        i = list(self.columns).index(name)
        self.col_lo[i] = np.maximum(self.col_lo[i], lo)
        self.col_hi[i] = np.maximum(self.col_hi[i], self.col_lo[i])

    def add_constraints(
        self, name: str, n: int, lo: float | np.ndarray = -INF, hi: float | np.ndarray = INF
    ) -> np.ndarray:
        """Add `n` rows named `name` with bounds; returns their row indices."""
        idx = np.arange(self.n_rows, self.n_rows + n)
        self.n_rows += n
        self.row_lo.append(np.broadcast_to(np.asarray(lo, float), n))
        self.row_hi.append(np.broadcast_to(np.asarray(hi, float), n))
        self.rows[name] = idx
        return idx

    def add_terms(self, rows: np.ndarray, cols: np.ndarray, coeffs: float | np.ndarray) -> None:
        """Add coefficient(s) A[rows, cols] += coeffs (arrays broadcast together)."""
        r, c, v = np.broadcast_arrays(np.asarray(rows), np.asarray(cols), np.asarray(coeffs, float))
        keep = v != 0
        self.entries.append((r[keep].ravel(), c[keep].ravel(), v[keep].ravel()))

    def to_highs(self) -> highspy.HighsLp:
        """Assemble the model (column-wise sparse matrix)."""
        lp = highspy.HighsLp()
        lp.num_col_ = self.n_cols
        lp.num_row_ = self.n_rows
        lp.col_cost_ = np.concatenate(self.cost)
        lp.col_lower_ = np.concatenate(self.col_lo)
        lp.col_upper_ = np.concatenate(self.col_hi)
        lp.row_lower_ = np.concatenate(self.row_lo)
        lp.row_upper_ = np.concatenate(self.row_hi)
        r = np.concatenate([e[0] for e in self.entries]).astype(np.int32)
        c = np.concatenate([e[1] for e in self.entries]).astype(np.int32)
        v = np.concatenate([e[2] for e in self.entries])
        order = np.lexsort((r, c))
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.concatenate(
            ([0], np.cumsum(np.bincount(c, minlength=self.n_cols)))
        ).astype(np.int32)
        lp.a_matrix_.index_ = r[order]
        lp.a_matrix_.value_ = v[order]
        return lp


@dataclass(frozen=True)
class Basis:
    """A simplex basis: HiGHS's status code (`highspy.HighsBasisStatus` value: 0 at lower
    bound, 1 basic, 2 at upper bound, 3 zero, 4 nonbasic) of every column and row, to start
    another solve of an LP of the same shape from (a warm start)."""

    col_status: np.ndarray
    row_status: np.ndarray
    constraints: str = ""  # `constraints_key` of the LP it is optimal for ("" if unknown)

    def fits(self, lp: LinearProgram) -> bool:
        """Whether this basis has one status per column and row of `lp`."""
        return len(self.col_status) == lp.n_cols and len(self.row_status) == lp.n_rows


def constraints_key(model: highspy.HighsLp) -> str:
    """A hash of everything in `model` but its costs (bounds, rows, matrix): two LPs with the
    same key differ in their objective only, so the optimal basis of one is a feasible basis
    of the other and primal simplex continues from it (a sweep over prices: 7.3 s instead of
    21 s for dual simplex from the same basis and 38 s cold, on the default year)."""
    h = hashlib.blake2b(digest_size=16)
    for part in (
        model.col_lower_, model.col_upper_, model.row_lower_, model.row_upper_,
        model.a_matrix_.start_, model.a_matrix_.index_, model.a_matrix_.value_,
    ):  # fmt: skip
        h.update(np.ascontiguousarray(part).tobytes())
    return h.hexdigest()


STATUS = list(highspy.HighsBasisStatus.__members__.values())
BASIS_FILE = "basis.npz"
BASIS_FORMAT = 1


def save_basis(basis: Basis, folder: Path, name: str = BASIS_FILE) -> None:
    """Write `basis` as `folder/name` (with its format number), so that a later re-plan of
    the saved inputs starts from it."""
    np.savez_compressed(
        folder / name,
        format=np.int64(BASIS_FORMAT),
        col_status=basis.col_status,
        row_status=basis.row_status,
        constraints=np.str_(basis.constraints),
    )


def load_basis(folder: Path, name: str = BASIS_FILE) -> Basis | None:
    """The basis saved as `folder/name`, or None when there is none or it cannot be used
    (another format, damaged): a basis only shortens a solve, so none is no error."""
    try:
        with np.load(folder / name) as f:
            if int(f["format"]) != BASIS_FORMAT:
                return None
            cols, rows = f["col_status"].astype(np.int8), f["row_status"].astype(np.int8)
            key = str(f["constraints"]) if "constraints" in f.files else ""
    except (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile):
        return None
    ok = all(a.ndim == 1 and np.isin(a, range(len(STATUS))).all() for a in (cols, rows))
    return Basis(cols, rows, key) if ok else None


def _to_highs_basis(basis: Basis) -> highspy.HighsBasis:
    b = highspy.HighsBasis()
    b.col_status = [STATUS[i] for i in basis.col_status]
    b.row_status = [STATUS[i] for i in basis.row_status]
    b.valid = True
    b.alien = True  # HiGHS checks it and repairs what does not fit the new bounds
    return b


def _from_highs_basis(b: highspy.HighsBasis, key: str) -> Basis | None:
    if not b.valid:
        return None
    return Basis(
        np.fromiter((int(v) for v in b.col_status), np.int8),
        np.fromiter((int(v) for v in b.row_status), np.int8),
        key,
    )


@dataclass(frozen=True)
class Solution:
    """A solved LP.

    Attributes
    ----------
    status : HiGHS model status text ('Optimal' when solved).
    objective : objective value [USD/yr].
    x : primal values per column.
    row_dual : dual value per row.
    seconds : wall time of the HiGHS run [s].
    iterations : simplex + IPM iterations.
    basis : the optimal basis (None when the solver gave none), to warm-start a similar LP.
    warm : whether this solve started from a given basis.
    primal : it went on from that basis with primal simplex (the basis came from an LP that
        differs only in its costs, so it is feasible here).
    """

    status: str
    objective: float
    x: np.ndarray
    row_dual: np.ndarray
    seconds: float
    iterations: int
    basis: Basis | None = None
    warm: bool = False
    primal: bool = False


SolverOptions = dict[str, bool | float | str | int]

# Measured on two default years (the spine's 39 GWh town and the whole town's 59 GWh, each
# 43,800 rows × 52,564 columns, solved in MW): HiGHS's dual simplex with its own edge-weight
# choice and presolve took 2.6–3.0 s and 3.2–4.9 s; Devex pricing without presolve was best on
# the first (2.2–2.9 s) but worst on the second (8.0–9.5 s); interior point + crossover took
# 6.3–7.5 s. The robust choice is kept.
SOLVER_OPTIONS: SolverOptions = {
    "solver": "simplex",
    "simplex_strategy": 1,  # dual simplex
    "threads": 1,
}
PRIMAL = 4  # HiGHS's simplex_strategy for primal simplex


class SolveError(CayoError):
    """HiGHS did not reach an optimum: which status it returned and which inputs to relax.

    Attributes
    ----------
    status : HiGHS's model status, its `highspy.HighsModelStatus` name (``"kInfeasible"``).
    status_text : HiGHS's own words for it (``"Infeasible"``).
    hint : what to change, one sentence.
    """

    what = "has no solution"
    default_hint = "check the scenario's constraints and the solver options"

    def __init__(self, status: str, status_text: str, hint: str | None = None) -> None:
        self.status = status
        self.status_text = status_text
        self.hint = hint or self.default_hint
        super().__init__(
            f"the supply LP {self.what} (HiGHS: {status_text}, {status})\n    hint: {self.hint}"
        )

    def __reduce__(self) -> tuple[type[SolveError], tuple[str, str, str]]:
        """Pickled by its fields (a milestone solved in another process raises it there)."""
        return type(self), (self.status, self.status_text, self.hint)

    def with_hint(self, hint: str) -> SolveError:
        """The same error with a hint that names the inputs."""
        return type(self)(self.status, self.status_text, hint)


class InfeasibleError(SolveError):
    """No plan meets every hard rule. Lost load, water and gas keep the balances feasible, so a
    hard rule (most unserved share, least renewable share, critical load and its autonomy, a
    capacity bound or a capacity kept from an earlier milestone) cannot be met."""

    what = "is infeasible: no plan meets every hard rule"
    default_hint = (
        "relax constraints.max_unserved_share or constraints.min_renewable_share, lower "
        "constraints.critical_autonomy_hours, widen capacity bounds (technologies.pv.land_ha, "
        "technologies.genset.max_kw), or enable more supply options"
    )


class UnboundedError(SolveError):
    """The objective falls without limit: a cost of 0 or less on something with no upper
    bound."""

    what = "is unbounded: its cost falls without limit"
    default_hint = (
        "a cost of 0 or less on something without an upper bound pays for itself; check for "
        "negative or zero prices and costs (technologies.*.capex_*, prices, values of lost "
        "service) and for missing bounds"
    )


class InfeasibleOrUnboundedError(InfeasibleError, UnboundedError):
    """HiGHS's presolve found the LP infeasible or unbounded without telling which."""

    what = "is infeasible or unbounded (HiGHS's presolve cannot tell which)"
    default_hint = (
        f"{InfeasibleError.default_hint}; or {UnboundedError.default_hint}; solving again with "
        "the solver option presolve='off' tells which"
    )


class SolverLimitError(SolveError):
    """HiGHS stopped at a limit (time, iterations, memory, solutions, an interrupt) before the
    optimum."""

    what = "was not solved: HiGHS stopped at a limit"
    default_hint = (
        "raise the limit in the solver options (time_limit [s], simplex_iteration_limit, "
        "ipm_iteration_limit) or leave it unset, or solve a smaller problem"
    )


class NumericalError(SolveError):
    """HiGHS failed or cannot say what the LP is (numerical trouble, an invalid model)."""

    what = "was not solved: HiGHS ran into numerical trouble or an invalid model"
    default_hint = (
        "look for very large or very small numbers among the inputs (costs, prices, bounds in "
        "lp/lp_parameters.json), or try the solver option solver='ipm' or presolve='off'"
    )


STATUS_ERRORS: dict[str, type[SolveError]] = {  # highspy.HighsModelStatus name → error
    "kInfeasible": InfeasibleError,
    "kUnbounded": UnboundedError,
    "kUnboundedOrInfeasible": InfeasibleOrUnboundedError,
    "kTimeLimit": SolverLimitError,
    "kIterationLimit": SolverLimitError,
    "kMemoryLimit": SolverLimitError,
    "kSolutionLimit": SolverLimitError,
    "kInterrupt": SolverLimitError,
    "kHighsInterrupt": SolverLimitError,
    "kObjectiveBound": SolverLimitError,
    "kObjectiveTarget": SolverLimitError,
    "kUnknown": NumericalError,
    "kSolveError": NumericalError,
    "kPresolveError": NumericalError,
    "kPostsolveError": NumericalError,
    "kModelError": NumericalError,
    "kLoadError": NumericalError,
    "kModelEmpty": NumericalError,
    "kNotset": NumericalError,
}


def solve_error(status: str, status_text: str, options: SolverOptions | None = None) -> SolveError:
    """The error for a HiGHS model status (`highspy.HighsModelStatus` name); limit errors name
    the limits that were set.

    >>> e = solve_error("kTimeLimit", "Time limit reached", {"time_limit": 0.5})
    >>> type(e).__name__, "time_limit = 0.5" in str(e)
    ('SolverLimitError', True)
    """
    cls = STATUS_ERRORS.get(status, NumericalError)
    hint = None
    if cls is SolverLimitError:
        limits = {k: v for k, v in (options or {}).items() if "limit" in k}
        if limits:
            given = ", ".join(f"{k} = {v}" for k, v in limits.items())
            hint = f"the solver options set {given}; {SolverLimitError.default_hint}"
    return cls(status, status_text, hint)


def quiet_highs() -> highspy.Highs:
    """A HiGHS instance with its output off; its C++ constructor prints a banner to the process's
    standard output, which is redirected to /dev/null for that moment."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            h = highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    h.setOptionValue("output_flag", False)
    return h


def solve(
    lp: LinearProgram, options: SolverOptions | None = None, warm: Basis | None = None
) -> Solution:
    """Solve with HiGHS; unless the model status is Optimal, raises the `SolveError` of that
    status (`STATUS_ERRORS`). Costs, bounds and coefficients that are NaN raise
    `NumericalError` before HiGHS runs (HiGHS may report such a model optimal).

    `warm`, the optimal basis of an LP of the same shape (another milestone's town, the same
    town with a capacity floor), starts the simplex from there; a basis of another shape is
    ignored. When `warm` comes from an LP that differs only in its costs, primal simplex goes on
    from it (unless `options` choose the strategy). The optimum is the same; only the path to
    it is shorter."""
    h = quiet_highs()
    _check_finite(lp)
    model = lp.to_highs()
    key = constraints_key(model)
    started_warm = warm is not None and warm.fits(lp)
    chosen = {**SOLVER_OPTIONS, **(options or {})}
    if started_warm and warm is not None and warm.constraints == key:
        chosen = {**SOLVER_OPTIONS, "simplex_strategy": PRIMAL, **(options or {})}
    primal = started_warm and chosen["simplex_strategy"] == PRIMAL
    for name, value in chosen.items():
        h.setOptionValue(name, value)
    h.passModel(model)
    if started_warm and warm is not None:
        h.setBasis(_to_highs_basis(warm))
    t0 = time.perf_counter()
    h.run()
    seconds = time.perf_counter() - t0
    model_status = h.getModelStatus()
    status = h.modelStatusToString(model_status)
    if model_status != highspy.HighsModelStatus.kOptimal:
        raise solve_error(model_status.name, status, chosen)
    info = h.getInfo()
    sol = h.getSolution()
    return Solution(
        status=status,
        objective=float(info.objective_function_value),
        x=np.asarray(sol.col_value),
        row_dual=np.asarray(sol.row_dual),
        seconds=seconds,
        iterations=int(info.simplex_iteration_count + info.ipm_iteration_count),
        basis=_from_highs_basis(h.getBasis(), key),
        warm=started_warm,
        primal=primal,
    )


def _check_finite(lp: LinearProgram) -> None:
    """Raise `NumericalError` naming the blocks whose cost, bounds or coefficients are NaN."""
    bad = [name for name, c in zip(lp.columns, lp.cost, strict=True) if np.isnan(c).any()]
    bad += [f"{name} (bounds)" for name, lo, hi in zip(lp.columns, lp.col_lo, lp.col_hi,
            strict=True) if np.isnan(lo).any() or np.isnan(hi).any()]  # fmt: skip
    bad += [f"{name} (row bounds)" for name, lo, hi in zip(lp.rows, lp.row_lo, lp.row_hi,
            strict=True) if np.isnan(lo).any() or np.isnan(hi).any()]  # fmt: skip
    if any(np.isnan(e[2]).any() for e in lp.entries):
        bad.append("a constraint coefficient")
    if bad:
        raise NumericalError(
            "kModelError",
            "invalid model: NaN in it, found before HiGHS ran",
            f"these LP inputs are not numbers: {', '.join(bad)}; check the scenario's costs "
            "and the hourly series",
        )
