"""The town at a build-out milestone: the people the workforce ramp has by then, and only the
stages open by then (laboratories and the data centre from the research milestone, the plants
from the industry one).

Housing, schools and utilities follow the people of that year, not the final target: the
milestone's scenario is the full scenario with its people replaced by the ramp's and the
closed stages set to zero, so the program and demand stages run on it unchanged.
"""

from __future__ import annotations

from cayo.program.workforce import WorkforceRamp
from cayo.scenario.schema import Cooling, Milestone, Scenario


def milestone_scenario(s: Scenario, ramp: WorkforceRamp, m: Milestone) -> Scenario:
    """The scenario of the town in milestone `m`'s year.

    Specialists, students and dependents come from the ramp in that year; commuters and
    visitors scale with the specialists [persons].
    """
    row = ramp.at(m.year)
    p = s.people
    share = float(row["specialists"]) / p.specialists if p.specialists else 1.0
    people = p.model_copy(
        update={
            "specialists": max(int(round(float(row["specialists"]))), 1),
            "students": int(round(float(row["students"]))),
            **(
                {"dependents": int(round(float(row["dependents"])))}
                if p.households is None
                else {}  # households derive them from the specialists
            ),
            "commuters": int(round(p.commuters * share)),
            "visitors_per_day": int(round(p.visitors_per_day * share)),
            "tourists": int(round(p.tourists * share)),
        }
    )
    prog = s.program
    capacity = dict(prog.capacity)
    data_centre = prog.data_centre
    industry = prog.industry
    if not m.research:
        capacity["laboratory"] = 0.0
        data_centre = data_centre.model_copy(update={"it_load_kw": 0.0, "external_gbps": 0.0})
    if not m.industry:
        industry = industry.model_copy(
            update={"floor_area_m2": 0.0, "process_load_kw": 0.0, "workers": 0}
        )
    program = prog.model_copy(
        update={"capacity": capacity, "data_centre": data_centre, "industry": industry}
    )
    return s.model_copy(
        update={"people": people, "program": program, "cooling": _cooling_at(s, m.year)}
    )


def _cooling_at(s: Scenario, year: int) -> Cooling:
    """The cooling section in `year`: COPs as given for the town complete (the last
    milestone's year), lower by (1 + gain) a year before it."""
    c = s.cooling
    done = max(m.year for m in s.phasing.milestones)
    factor = (1 + c.cop_gain_per_yr) ** (year - done)
    by = {k: u.model_copy(update={"cop": u.cop * factor}) for k, u in c.by_facility.items()}
    return c.model_copy(update={"by_facility": by})
