"""Capital recovery: the annual payment that repays 1 USD over n years at rate r."""

from __future__ import annotations


def capital_recovery_factor(rate: float, years: float) -> float:
    """Capital recovery factor [1/yr]: r / (1 − (1 + r)^−n); 1/n when r = 0.

    >>> round(capital_recovery_factor(0.08, 20), 6)
    0.101852
    >>> capital_recovery_factor(0.0, 25)
    0.04
    """
    if years <= 0:
        raise ValueError("years must be positive")
    if rate == 0:
        return 1.0 / years
    return rate / (1.0 - (1.0 + rate) ** -years)
