"""Capital recovery and annuities, kept here for callers of the finance stage; they live in the
core module `cayo.costs` with the cost table."""

from __future__ import annotations

from cayo.costs import annuity_factor, capital_recovery_factor

__all__ = ["annuity_factor", "capital_recovery_factor"]
