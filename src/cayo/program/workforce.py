"""The workforce: a cohort model of the training centre feeding the town's specialists.

Year by year, from the scenario's `workforce` section (i = 0 is `start_year`):

    graduates_i = completion · intake_{i−L}                  (0 for the first L years)
    stay_i      = graduate_stay_share · graduates_i
    leavers_i   = attrition · S_{i−1}                         (S_{−1} = initial_specialists)
    hires_i     = min(external_hires, what the target still lacks after stay and leavers)
    S_i         = min(target, S_{i−1} − leavers_i + stay_i + hires_i)
    students_i  = Σ_{j<L} intake_{i−j}                        (drop-outs leave at the end)

With nothing capped, S tends to (stay + hires) / attrition, the steady state; with zero
attrition it grows by stay + hires a year. Dependents follow the specialists (the scenario's
dependents per specialist), so housing, schools and utilities follow the people, not the target.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from cayo.program.people import dependents_per_specialist
from cayo.scenario.schema import People, Workforce


@dataclass(frozen=True)
class WorkforceRamp:
    """The cohort model's answer.

    Attributes
    ----------
    years : one row per year: intake, students, graduates, graduates_staying, hires, leavers,
        specialists, dependents, residents [persons].
    target : specialists the town is planned for [persons].
    target_year : first year the target is reached, None if never within the horizon.
    steady_state : specialists the rates lead to without the target's cap [persons] (inf when
        nobody leaves).
    """

    years: pd.DataFrame
    target: int
    target_year: int | None
    steady_state: float

    def at(self, year: int) -> pd.Series:
        """The row of `year` (the last year for later ones, zeros before the start)."""
        if year < int(self.years.index[0]):
            return self.years.iloc[0] * 0
        return self.years.loc[min(year, int(self.years.index[-1]))]


def cohort_model(w: Workforce, people: People) -> WorkforceRamp:
    """Specialists and students per year from `start_year` to `horizon_year` [persons].

    >>> from cayo.scenario.schema import DependentAges
    >>> ages = DependentAges(age_0_2=0.25, age_3_6=0.25, age_7_17=0.25, adult=0.25)
    >>> p = People(specialists=1000, students=200, dependents=500, dependent_age_shares=ages,
    ...            household_size=2, commuters=0)
    >>> w = Workforce(start_year=2030, horizon_year=2034, initial_specialists=100,
    ...               intake_per_yr=100, programme_years=2, completion_share=0.5,
    ...               graduate_stay_share=0.8, attrition_per_yr=0.0, external_hires_per_yr=10)
    >>> r = cohort_model(w, p)
    >>> r.years["specialists"].tolist()  # +10 hires a year, then +40 graduates staying too
    [110.0, 120.0, 170.0, 220.0, 270.0]
    >>> r.years["students"].tolist(), float(r.years.loc[2034, "dependents"])
    ([100.0, 200.0, 200.0, 200.0, 200.0], 135.0)
    """
    n = w.horizon_year - w.start_year + 1
    L = w.programme_years
    target = people.specialists
    intake = np.full(n, float(w.intake_per_yr))
    graduates = np.zeros(n)
    if L < n:
        graduates[L:] = w.completion_share * intake[: n - L]
    stay = w.graduate_stay_share * graduates
    spec = np.zeros(n)
    leavers = np.zeros(n)
    hires = np.zeros(n)
    prev = float(min(w.initial_specialists, target))
    for i in range(n):
        leavers[i] = w.attrition_per_yr * prev
        lacking = max(target - (prev - leavers[i] + stay[i]), 0.0)
        hires[i] = min(float(w.external_hires_per_yr), lacking)
        spec[i] = min(float(target), prev - leavers[i] + stay[i] + hires[i])
        prev = spec[i]
    students = np.convolve(intake, np.ones(L))[:n]
    per_specialist = dependents_per_specialist(people)
    dependents = spec * per_specialist
    years = pd.DataFrame(
        {
            "intake": intake,
            "students": students,
            "graduates": graduates,
            "graduates_staying": stay,
            "hires": hires,
            "leavers": leavers,
            "specialists": spec,
            "dependents": dependents,
            "residents": spec + students + dependents,
        },
        index=pd.Index(range(w.start_year, w.horizon_year + 1), name="year"),
    )
    reached = np.flatnonzero(spec >= target - 0.5)
    inflow = w.graduate_stay_share * w.completion_share * w.intake_per_yr
    inflow += w.external_hires_per_yr
    steady = inflow / w.attrition_per_yr if w.attrition_per_yr > 0 else float("inf")
    return WorkforceRamp(
        years=years,
        target=target,
        target_year=int(years.index[reached[0]]) if len(reached) else None,
        steady_state=steady,
    )
