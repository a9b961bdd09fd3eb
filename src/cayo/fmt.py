"""Numbers as people read them: the one place that turns a number into text.

The terminal summary, the HTML report and the JSON files all format through this module, so a
figure shown in two places reads the same in both. Rules:

- thousands separators on every number of 1,000 or more (``12,345``);
- about three significant digits, never fewer than the whole part (``111,243`` not ``111,000``;
  ``0.0122`` not ``0.01217``; ``1.5`` not ``1.50``), unless a fixed number of decimals is asked;
- never scientific notation, never ``nan`` or ``inf``: a missing or impossible figure is ``—``;
- money in USD scaled to thousand / million / billion with the scale written out (``111.2 M USD``);
- shares as percent with a space before the sign (``12.3 %``);
- years and seeds as whole numbers without a separator (``2041``, seed ``20261129``).
"""

from __future__ import annotations

import math
from typing import Any

MISSING = "—"


def _finite(value: Any) -> float | None:
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def decimals(value: float, sig: int = 3) -> int:
    """Decimals that show `value` to `sig` significant digits, never fewer than its whole part.

    >>> decimals(111_243.7), decimals(12.34), decimals(0.012172), decimals(0.0)
    (0, 1, 4, 0)
    """
    x = abs(value)
    if x == 0 or x >= 10 ** (sig - 1):
        return 0
    return min(sig - 1 - math.floor(math.log10(x)), 12)


def number(value: Any, digits: int | None = None, sig: int = 3) -> str:
    """A number with thousands separators: `digits` decimals, or `sig` significant digits.

    Trailing zeros of an automatic precision are dropped; ``—`` for None, NaN or infinity.

    >>> number(111_243_512.4), number(0.012172), number(1.5), number(2.0), number(-3456.78)
    ('111,243,512', '0.0122', '1.5', '2', '-3,457')
    >>> number(float("nan")), number(0.1945, digits=3), number(1e-9)
    ('—', '0.195', '0.000000001')
    """
    x = _finite(value)
    if x is None:
        return MISSING
    if digits is not None:
        text = f"{x:,.{digits}f}"
    else:
        text = f"{x:,.{decimals(x, sig)}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    return "0" if text.lstrip("-").strip("0.") == "" else text


def quantity(value: Any, unit: str, digits: int | None = None, sig: int = 3) -> str:
    """A number and its unit, e.g. ``58,848 MWh/yr``; ``—`` alone when it is missing.

    >>> quantity(58_848.2, "MWh/yr"), quantity(None, "kW")
    ('58,848 MWh/yr', '—')
    """
    text = number(value, digits, sig)
    return text if text == MISSING else f"{text} {unit}"


MONEY_SCALES = ((1e9, "bn"), (1e6, "M"), (1e3, "k"))


def money(usd: Any, unit: str = "USD", digits: int | None = None) -> str:
    """Money scaled to k / M / bn with the scale written out.

    >>> money(111_243_512), money(9_840_000, "USD/yr"), money(183_400), money(656.4)
    ('111.2 M USD', '9.84 M USD/yr', '183.4 k USD', '656 USD')
    >>> money(-2_500_000), money(float("inf"))
    ('-2.5 M USD', '—')
    """
    x = _finite(usd)
    if x is None:
        return MISSING
    for scale, name in MONEY_SCALES:
        if abs(x) >= scale:
            sig = 4 if abs(x) >= 100 * scale else 3
            return f"{number(x / scale, digits, sig)} {name} {unit}"
    return f"{number(x, digits)} {unit}"


def share(value: Any, digits: int | None = None) -> str:
    """A share [-] as percent; automatic precision keeps three significant digits (at least 1).

    >>> share(0.1217), share(0.0047), share(1.0), share(0.999999), share(None)
    ('12.2 %', '0.47 %', '100 %', '99.9999 %', '—')
    """
    x = _finite(value)
    if x is None:
        return MISSING
    pct = 100.0 * x
    if digits is None and 99.9 < pct < 100.0:  # availabilities: show the nines, not "100 %"
        text = f"{pct:.6f}".rstrip("0").rstrip(".")
        return f"{text} %"
    return f"{number(pct, digits)} %"


def whole(value: Any) -> str:
    """A count or a seed as a whole number with separators.

    >>> whole(20261129), whole(3.0), whole(float("nan"))
    ('20,261,129', '3', '—')
    """
    x = _finite(value)
    return MISSING if x is None else f"{round(x):,}"


def ident(value: Any) -> str:
    """An identifier that is a number (a seed): its digits as typed, no separators.

    >>> ident(20261129), ident(7.0), ident(None)
    ('20261129', '7', '—')
    """
    x = _finite(value)
    return MISSING if x is None else str(round(x))


def year(value: Any, never: str = "never") -> str:
    """A calendar year without a separator; `never` when it is missing.

    >>> year(2041.0), year(None)
    ('2041', 'never')
    """
    x = _finite(value)
    return never if x is None else str(round(x))


def to_json(doc: Any) -> str:
    """`doc` as indented JSON text after `clean`: never a bare NaN or Infinity."""
    import json

    return json.dumps(clean(doc), indent=2, allow_nan=False, default=str)


def clean(value: Any, sig: int = 12) -> Any:
    """A JSON-ready copy: floats to `sig` significant digits (no binary noise), whole floats
    to int, NaN and infinity to None; dicts, lists and tuples cleaned throughout.

    >>> clean({"a": 0.1 + 0.2, "b": 2.0e7, "c": float("nan"), "d": [1.5, "x"]})
    {'a': 0.3, 'b': 20000000, 'c': None, 'd': [1.5, 'x']}
    >>> import numpy as np
    >>> clean([np.float64(1 / 3), np.int64(7), np.bool_(True), np.float32("inf")])
    [0.333333333333, 7, True, None]
    """
    if isinstance(value, dict):
        return {str(k): clean(v, sig) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean(v, sig) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if getattr(getattr(value, "dtype", None), "kind", "") == "b":  # numpy bool_ is not a bool
        return bool(value)
    x = _finite(value)
    if x is None:
        return None if isinstance(value, float | int) or hasattr(value, "dtype") else str(value)
    if float(x).is_integer() and abs(x) < 2**53:
        return int(x)
    return float(f"{x:.{sig}g}")
