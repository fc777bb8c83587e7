"""Table scheduling: the instance, the checker, lower bounds, greedy and CP-SAT planners, and
the live call-up. Pure: dataclasses in, dataclasses out."""

from smallball.schedule.bounds import LowerBounds, lower_bounds
from smallball.schedule.check import Violation, check
from smallball.schedule.cpsat import SolveOptions, solve_cpsat
from smallball.schedule.durations import estimate_duration
from smallball.schedule.greedy import best_greedy, greedy
from smallball.schedule.model import Assignment, Instance, Match, Plan, Session
from smallball.schedule.solve import Report, make_plan
from smallball.schedule.waiting import player_waiting

__all__ = [
    "Assignment",
    "Instance",
    "LowerBounds",
    "Match",
    "Plan",
    "Report",
    "Session",
    "SolveOptions",
    "Violation",
    "best_greedy",
    "check",
    "estimate_duration",
    "greedy",
    "lower_bounds",
    "make_plan",
    "player_waiting",
    "solve_cpsat",
]
