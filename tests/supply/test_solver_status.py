"""A failed solve says which status HiGHS returned and what to relax: tiny LPs forced into each
status that can be produced (infeasible, unbounded, time limit, iteration limit, NaN input)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from lp_cases import inputs

from cayo.errors import CayoError
from cayo.supply.lp import (
    INF,
    STATUS_ERRORS,
    InfeasibleError,
    InfeasibleOrUnboundedError,
    LinearProgram,
    NumericalError,
    SolveError,
    SolverLimitError,
    UnboundedError,
    solve,
    solve_error,
)
from cayo.supply.plan import plan_supply


def contradictory() -> LinearProgram:
    """0 ≤ x ≤ 1 and x ≥ 2."""
    lp = LinearProgram()
    x = lp.add_variables("x", 1, 0.0, 1.0, 1.0)
    row = lp.add_constraints("at_least_two", 1, lo=2.0)
    lp.add_terms(row, x, 1.0)
    return lp


def free_fall() -> LinearProgram:
    """min −x − y with x − y ≤ 1, x, y ≥ 0: x = y → ∞ keeps the row and lowers the cost."""
    lp = LinearProgram()
    xy = lp.add_variables("xy", 2, 0.0, INF, -1.0)
    row = lp.add_constraints("gap", 1, hi=1.0)
    lp.add_terms(row, xy, np.array([1.0, -1.0]))
    return lp


def knapsack(n: int = 40) -> LinearProgram:
    """A small LP with several rows, which needs simplex iterations (and some time)."""
    rng = np.random.default_rng(3)
    lp = LinearProgram()
    x = lp.add_variables("x", n, 0.0, 10.0, -rng.uniform(1, 2, n))
    rows = lp.add_constraints("cap", 8, hi=5.0)
    for r in rows:
        lp.add_terms(np.full(n, r), x, rng.uniform(0.1, 1.0, n))
    return lp


def test_a_contradictory_constraint_is_infeasible() -> None:
    with pytest.raises(InfeasibleError) as err:
        solve(contradictory())
    e = err.value
    assert isinstance(e, SolveError) and isinstance(e, CayoError)
    assert not isinstance(e, UnboundedError)
    assert (e.status, e.status_text) == ("kInfeasible", "Infeasible")
    assert "infeasible" in str(e) and "max_unserved_share" in str(e)
    assert "critical_autonomy_hours" in str(e)


def test_a_negative_cost_without_bound_is_unbounded() -> None:
    with pytest.raises(UnboundedError) as err:
        solve(free_fall())
    e = err.value
    assert not isinstance(e, InfeasibleError)
    assert (e.status, e.status_text) == ("kUnbounded", "Unbounded")
    assert "unbounded" in str(e) and "cost of 0 or less" in str(e)


def test_a_zero_time_limit_stops_the_solver() -> None:
    with pytest.raises(SolverLimitError) as err:
        solve(knapsack(), {"time_limit": 0.0})
    assert err.value.status == "kTimeLimit"
    assert "time_limit = 0.0" in str(err.value)  # names the limit that was set


def test_a_zero_iteration_limit_stops_the_solver() -> None:
    assert solve(knapsack()).status == "Optimal"  # it solves without the limit
    with pytest.raises(SolverLimitError) as err:
        solve(knapsack(), {"simplex_iteration_limit": 0, "presolve": "off"})
    assert err.value.status == "kIterationLimit"
    assert "simplex_iteration_limit = 0" in str(err.value)


def test_nan_in_the_model_is_refused_before_highs_runs() -> None:
    """HiGHS reports a model with a NaN cost optimal; the solve refuses it, naming the block."""
    lp = contradictory()
    lp.add_variables("broken", 1, 0.0, 1.0, math.nan)
    with pytest.raises(NumericalError) as err:
        solve(lp)
    assert "broken" in str(err.value)


@pytest.mark.parametrize(
    "status, cls",
    [
        ("kUnboundedOrInfeasible", InfeasibleOrUnboundedError),
        ("kMemoryLimit", SolverLimitError),
        ("kInterrupt", SolverLimitError),
        ("kUnknown", NumericalError),
        ("kSolveError", NumericalError),
        ("kSomethingNew", NumericalError),  # a status a later HiGHS adds
    ],
)
def test_statuses_that_tiny_lps_cannot_produce(status: str, cls: type) -> None:
    e = solve_error(status, "words", {})
    assert type(e) is cls and e.status == status and status in str(e)
    if cls is InfeasibleOrUnboundedError:  # both hints, and how to tell which
        assert isinstance(e, InfeasibleError) and isinstance(e, UnboundedError)
        assert "presolve='off'" in str(e)


def test_every_highs_status_but_optimal_has_an_error() -> None:
    import highspy

    names = {m for m in dir(highspy.HighsModelStatus) if m.startswith("k")}
    assert names - {"kOptimal"} <= set(STATUS_ERRORS)


def test_an_infeasible_plan_names_the_rules_with_their_values() -> None:
    """No source and at most 50 % unserved: infeasible; the hint gives the rules' values and the
    capacity kept from an earlier milestone."""
    with pytest.raises(InfeasibleError) as err:
        plan_supply(inputs(24, max_unserved_share=0.5), existing={"pv_kw": 3.0})
    text = str(err.value)
    assert "constraints.max_unserved_share (now 0.5)" in text
    assert "constraints.min_renewable_share (now 0)" in text
    assert "capacities kept from earlier milestones (pv_kw ≥ 3)" in text


def test_an_unbounded_plan_names_the_costs_of_zero_or_less() -> None:
    """Gensets uncapped at −100 USD/(kW·yr): the more capacity, the lower the cost."""
    with pytest.raises(UnboundedError) as err:
        plan_supply(inputs(24, genset_max_kw=None, genset_capital_usd_per_kw_yr=-100.0))
    assert "genset_capital_usd_per_kw_yr = -100" in str(err.value)
