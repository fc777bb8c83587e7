"""Shared field checks for commands: countries, time zones, multilingual text."""

from __future__ import annotations

from typing import Annotated
from zoneinfo import ZoneInfo, available_timezones

import pycountry
from pydantic import Field

from smallball.errors import Refusal
from smallball.i18n import N_

LANGUAGES = ("en", "zh_CN")


# Table tennis speaks in IOC/ITTF association codes; where one differs from ISO 3166-1 it is
# mapped to ISO, which is what we store (and what pycountry translates).
IOC_TO_ISO = {
    "ALG": "DZA",
    "ANG": "AGO",
    "BAH": "BHS",
    "BAN": "BGD",
    "BAR": "BRB",
    "BOT": "BWA",
    "BRU": "BRN",
    "BUL": "BGR",
    "BUR": "BFA",
    "CAM": "KHM",
    "CHA": "TCD",
    "CHI": "CHL",
    "CRC": "CRI",
    "CRO": "HRV",
    "DEN": "DNK",
    "ESA": "SLV",
    "FIJ": "FJI",
    "GAM": "GMB",
    "GER": "DEU",
    "GRE": "GRC",
    "GUA": "GTM",
    "GUI": "GIN",
    "HAI": "HTI",
    "HON": "HND",
    "INA": "IDN",
    "IRI": "IRN",
    "KSA": "SAU",
    "KUW": "KWT",
    "LAT": "LVA",
    "LBA": "LBY",
    "LIB": "LBN",
    "MAD": "MDG",
    "MAS": "MYS",
    "MAW": "MWI",
    "MGL": "MNG",
    "MRI": "MUS",
    "MYA": "MMR",
    "NED": "NLD",
    "NEP": "NPL",
    "NGR": "NGA",
    "NIG": "NER",
    "OMA": "OMN",
    "PAR": "PRY",
    "PHI": "PHL",
    "POR": "PRT",
    "PUR": "PRI",
    "RSA": "ZAF",
    "SAM": "WSM",
    "SLO": "SVN",
    "SRI": "LKA",
    "SUD": "SDN",
    "SUI": "CHE",
    "TAN": "TZA",
    "TGA": "TON",
    "TOG": "TGO",
    "TPE": "TWN",
    "UAE": "ARE",
    "URU": "URY",
    "VIE": "VNM",
    "ZAM": "ZMB",
    "ZIM": "ZWE",
}


def country_code(value: str) -> str:
    """An ISO 3166-1 alpha-3 code; IOC/ITTF codes, alpha-2 codes and names are converted."""
    text = value.strip()
    found = None
    if len(text) == 3:
        found = pycountry.countries.get(alpha_3=text.upper())
        if found is None and text.upper() in IOC_TO_ISO:
            found = pycountry.countries.get(alpha_3=IOC_TO_ISO[text.upper()])
    elif len(text) == 2:
        found = pycountry.countries.get(alpha_2=text.upper())
    if found is None:
        try:
            found = pycountry.countries.lookup(text)
        except LookupError:
            found = None
    if found is None:
        raise Refusal(
            N_("unknown country {value!r} (use an ISO code such as CHN or USA)"), value=value
        )
    return str(found.alpha_3)


def time_zone(value: str) -> str:
    if value not in available_timezones():
        raise Refusal(
            N_("unknown time zone {value!r} (use an IANA name such as Asia/Shanghai)"), value=value
        )
    ZoneInfo(value)
    return value


def multilingual(value: dict[str, str]) -> dict[str, str]:
    cleaned = {k: v.strip() for k, v in value.items() if v and v.strip()}
    if not cleaned:
        raise Refusal(
            N_("give the text in at least one language, e.g. {example}"), example='{"en": "..."}'
        )
    for key in cleaned:
        if key not in LANGUAGES:
            raise Refusal(
                N_("unknown language {key!r} (known: {known})"), key=key, known=", ".join(LANGUAGES)
            )
    return cleaned


def language_codes(values: list[str]) -> list[str]:
    """ISO 639-1 codes of the languages a person speaks, e.g. ["zh", "en"]."""
    out = []
    for value in values:
        code = value.strip().lower()
        if pycountry.languages.get(alpha_2=code) is None:
            raise Refusal(
                N_("unknown language {value!r} (use ISO 639-1 codes such as zh, en)"), value=value
            )
        if code not in out:
            out.append(code)
    return out


MAX_ROW_ID = 2_147_483_647  # the databases' INTEGER: larger numbers can name no row

RowId = Annotated[int, Field(ge=1, le=MAX_ROW_ID)]
