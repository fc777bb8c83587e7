"""Words that reach templates as data (statuses, roles) and are translated there with _().

Listing them here lets the message extractor find them.
"""


def _(message: str) -> str:
    return message


WORDS = (
    _("pending"),
    _("approved"),
    _("waiting"),
    _("withdrawn"),
    _("rejected"),
    _("player"),
    _("coach"),
    _("official"),
    _("guest"),
    _("scheduled"),
    _("in_progress"),
    _("completed"),
    _("walkover"),
    _("retired"),
    _("disqualified"),
)
