"""Cross-national pair and team formation: doubles, mixed doubles and mixed teams.

Pure: imports nothing from db/, app/, web/ or cli/.
"""

from smallball.pairing.model import (
    DEFAULT_ORDER,
    OBJECTIVES,
    Evaluation,
    GenderRule,
    PairingProblem,
    PairingResult,
    Player,
    Score,
)
from smallball.pairing.solve import evaluate, pair

__all__ = [
    "DEFAULT_ORDER",
    "OBJECTIVES",
    "Evaluation",
    "GenderRule",
    "PairingProblem",
    "PairingResult",
    "Player",
    "Score",
    "evaluate",
    "pair",
]
