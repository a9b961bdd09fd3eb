"""Figures drawn from saved tables: the survival curves in percent, the monthly chart per
utility in its own unit (a hand-made table each, no plan needed)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cayo.report.html import monthly_plot
from cayo.report.stress_figures import survival_plot


def test_survival_axis_in_percent() -> None:
    """Shares survived [-] are drawn as percent: 0.9 → 90; the y axis says [%], its ticks end
    in ' %', and it spans the curves (89-100 %), not 0-1."""
    import matplotlib.pyplot as plt

    survival = pd.DataFrame(
        {
            "outage_h": [1, 2, 3, 4],
            "electricity_with_gensets": [1.0, 1.0, 0.99, 0.98],
            "water_with_gensets": [1.0, 0.95, 0.92, 0.90],
        }
    )
    fig = survival_plot(survival)
    ax = fig.axes[0]
    lines = {line.get_label(): line for line in ax.get_lines()}
    water = lines["water, with engines"]
    np.testing.assert_allclose(water.get_ydata(), [100.0, 95.0, 92.0, 90.0])
    np.testing.assert_allclose(water.get_xdata(), [1, 2, 3, 4])
    assert "[%]" in ax.get_ylabel()
    low, high = ax.get_ylim()
    assert 85 <= low < 90 and 100 <= high <= 101
    fig.canvas.draw()
    ticks = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert ticks and all(t.endswith(" %") for t in ticks), ticks
    # the legend sits outside the axes: it hides no curve
    legend = ax.get_legend()
    box = legend.get_window_extent(fig.canvas.get_renderer())
    assert box.x0 >= ax.get_window_extent().x1
    plt.close(fig)


def test_monthly_chart_bars_add_up_to_the_annual_totals() -> None:
    """One panel per utility, in its own unit per month; the twelve bars of each add up to
    the annual total given."""
    import matplotlib.pyplot as plt

    monthly = pd.DataFrame(
        {"electricity": np.arange(1.0, 13.0), "water": np.full(12, 10.0)}, index=range(1, 13)
    )
    annual = pd.Series({"electricity": 78.0, "water": 120.0})
    units = pd.Series({"electricity": "MWh/yr", "water": "m3/yr"})
    fig = monthly_plot(monthly, annual, units)
    panels = [ax for ax in fig.axes if ax.patches]
    assert [ax.get_title() for ax in panels] == [
        "electricity [MWh/month]",
        "water supplied [m³/month]",
    ]
    for ax, carrier in zip(panels, ("electricity", "water"), strict=True):
        heights = [p.get_height() for p in ax.patches]
        assert len(heights) == 12
        assert sum(heights) == pytest.approx(annual[carrier], rel=1e-3)
        assert ax.get_ylim()[0] == 0  # bars start at zero
        average = [line for line in ax.get_lines() if line.get_linestyle() == ":"]
        assert average and average[0].get_ydata()[0] == pytest.approx(annual[carrier] / 12)
    plt.close(fig)
