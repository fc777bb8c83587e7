"""One line of the file: its cells, checked on their own, as the person it names."""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pycountry
from pydantic import ValidationError

from smallball.app.delegations import PersonIn
from smallball.app.imports.columns import KINDS, REQUIRED, ROLES
from smallball.app.imports.views import LineError, line_error
from smallball.db.models import Competition, Delegation
from smallball.i18n import N_

_GENDERS = {
    "m": "M",
    "male": "M",
    "man": "M",
    "男": "M",
    "f": "F",
    "female": "F",
    "woman": "F",
    "女": "F",
    "x": "X",
}
_ROLES = {
    "运动员": "player",
    "教练": "coach",
    "教练员": "coach",
    "官员": "official",
    "嘉宾": "guest",
}


@dataclass(slots=True)
class Line:
    line: int
    values: dict[str, str]
    errors: list[LineError] = field(default_factory=list)
    person: PersonIn | None = None
    role: str = "player"
    competition: Competition | None = None
    delegation: Delegation | None = None
    new_delegation: str = ""  # the folded name of a delegation to invite
    partners: list[Line] = field(default_factory=list)
    team: str | None = None
    person_id: int | None = None
    entry_id: int | None = None

    def fail(self, column: str, message: str, /, **params: object) -> None:
        self.errors.append(line_error(self.line, column, message, **params))

    @property
    def key(self) -> tuple[str, str]:
        """Who the player is: the Latin name (case and spacing aside) and the country."""
        country = self.person.country if self.person else self.values.get("country", "")
        return fold(self.values.get("name_latin", "")), country

    def label(self) -> str:
        return self.values.get("name_latin", "")


def fold(text: str) -> str:
    return " ".join(text.split()).casefold()


@cache
def _chinese_country_names() -> dict[str, str]:
    translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])
    names: dict[str, str] = {}
    for country in pycountry.countries:
        names[translation.gettext(country.name)] = country.alpha_3
        common = getattr(country, "common_name", None)
        if common:
            names.setdefault(translation.gettext(common), country.alpha_3)
    return names


def country(value: str) -> str:
    """An ISO code or English name (the API's rule), or a Chinese name such as 中国."""
    found = _chinese_country_names().get(value)
    return found or value


def parse_line(row: Line) -> None:
    v = row.values
    for column in REQUIRED:
        if column != "name_native" and not v.get(column):
            row.fail(column, N_("required"))
    gender = _GENDERS.get(v.get("gender", "").casefold(), "")
    if v.get("gender") and not gender:
        row.fail("gender", N_("unknown gender {gender!r} (use M, F or X)"), gender=v["gender"])
    role = v.get("role", "").casefold() or "player"
    row.role = _ROLES.get(role, role)
    if row.role not in ROLES:
        row.fail(
            "role",
            N_("unknown role {role!r} (use {roles})"),
            role=v["role"],
            roles=", ".join(ROLES),
        )
    kind = v.get("delegation_kind", "")
    if kind and kind.casefold() not in KINDS:
        row.fail(
            "delegation_kind",
            N_("unknown kind {kind!r} (use {kinds})"),
            kind=kind,
            kinds=", ".join(KINDS),
        )
    if row.errors:
        return
    data: dict[str, Any] = {
        "name_native": v.get("name_native") or v["name_latin"],
        "name_latin": v["name_latin"],
        "gender": gender,
        "country": country(v["country"]),
        "languages": [x for x in re.split(r"[\s,;/]+", v.get("languages", "")) if x],
    }
    for column in ("birth_year", "rating"):
        if v.get(column):
            data[column] = v[column]
    try:
        row.person = PersonIn.model_validate(data)
    except ValidationError as exc:
        for problem in exc.errors():
            loc = problem.get("loc") or ("row",)
            message = str(problem.get("msg", "invalid")).removeprefix("Value error, ")
            if loc[0] == "country":  # name the value the user wrote, not the one looked up
                message = message.replace(repr(data["country"]), repr(v["country"]))
            row.fail(str(loc[0]), message)
