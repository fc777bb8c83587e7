"""What a pairing request holds and what it returns."""

from __future__ import annotations

from dataclasses import dataclass

from smallball.words import Said

MODES = ("doubles", "mixed-doubles", "teams")
CROSS_RULES = ("required", "preferred", "off")
LANGUAGE_RULES = ("required", "preferred", "off")

# Every objective the solver knows, by the name used in ``objective_order``.
OBJECTIVES = (
    "cross_national",
    "strength_spread",
    "strength_deviation",
    "shared_language",
    "repeats",
    "diversity",
)
DEFAULT_ORDER = (
    "cross_national",
    "strength_spread",
    "strength_deviation",
    "shared_language",
    "repeats",
    "diversity",
)


@dataclass(frozen=True, slots=True)
class Player:
    id: str
    country: str
    gender: str  # "M", "F" or "X"
    rating: float
    languages: frozenset[str] = frozenset()
    age_group: str | None = None


@dataclass(frozen=True, slots=True)
class GenderRule:
    """How many women and men each pair or team needs; ``same_gender`` for men's/women's doubles."""

    min_women: int = 0
    min_men: int = 0
    same_gender: bool = False


@dataclass(frozen=True, slots=True)
class PairingProblem:
    """One pairing run. ``team_size`` is 2 for doubles and mixed doubles.

    ``cross_national``: "required" (hard), "preferred" (an objective) or "off".
    ``shared_language``: "required" (hard), "preferred" (an objective) or "off".
    ``delegations``: when set, only these two associations take part and every group has
    players from both. ``objective_order`` lists the objectives to optimise, most important
    first; filling as many groups as possible always comes before all of them.
    """

    players: tuple[Player, ...]
    mode: str = "doubles"
    team_size: int = 2
    gender_rule: GenderRule = GenderRule()
    cross_national: str = "preferred"
    shared_language: str = "off"
    avoid: tuple[tuple[str, str], ...] = ()
    keep: tuple[tuple[str, ...], ...] = ()
    history: tuple[tuple[str, str], ...] = ()
    sit_out: frozenset[str] = frozenset()
    max_per_country: int | None = None
    delegations: tuple[str, str] | None = None
    same_age_group: bool = False
    objective_order: tuple[str, ...] = DEFAULT_ORDER
    time_limit_s: float = 10.0
    workers: int = 2
    seed: int = 0  # teams: the search is reproducible for the same input and seed

    @property
    def active_order(self) -> tuple[str, ...]:
        """The objectives that are switched on, in their order."""
        off = set()
        if self.cross_national == "off":
            off.add("cross_national")
        if self.shared_language == "off":
            off.add("shared_language")
        if self.team_size == 2:
            off.add("diversity")  # a pair's diversity is its cross-national flag
        return tuple(o for o in self.objective_order if o not in off)


@dataclass(frozen=True, slots=True)
class Score:
    """The measures of a grouping. Strength of a group is the mean rating of its players."""

    groups: int
    assigned_players: int
    cross_national: int
    strength_spread: float
    strength_deviation: float
    shared_language: int
    repeats: int
    diversity: int


@dataclass(frozen=True, slots=True)
class Evaluation:
    """A grouping scored against a problem, with any hard constraint it breaks."""

    score: Score
    strengths: tuple[float, ...]
    unassigned: tuple[str, ...]
    # English as str; worded again in the reader's language where shown (``words.localize``).
    violations: tuple[Said, ...]


@dataclass(frozen=True, slots=True)
class PairingResult:
    groups: tuple[tuple[str, ...], ...]
    unassigned: tuple[str, ...]
    sitting_out: tuple[str, ...]
    optimal: bool
    score: Score
    strengths: tuple[float, ...]
    notes: tuple[Said, ...]
    method: str
