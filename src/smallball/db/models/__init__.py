"""All tables; importing this package registers them on ``Base.metadata``."""

from smallball.db.models.audit import AuditRecord
from smallball.db.models.auth import ApiToken, RoleGrant, User
from smallball.db.models.entries import Entry, EntryPlayer
from smallball.db.models.events import Competition, Delegation, DelegationMember, Event, EventCoHost
from smallball.db.models.matches import Draw, Match, PointEvent
from smallball.db.models.people import Organisation, Person

__all__ = [
    "ApiToken",
    "AuditRecord",
    "Competition",
    "Delegation",
    "DelegationMember",
    "Draw",
    "Entry",
    "EntryPlayer",
    "Event",
    "EventCoHost",
    "Match",
    "Organisation",
    "Person",
    "PointEvent",
    "RoleGrant",
    "User",
]
