"""Languages: gettext catalogues (Babel .po files), negotiation, translated country names.

The .po files are read directly with Babel, so no compile step stands between an edit of a
translation and what users see.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import pycountry
from babel import Locale, UnknownLocaleError
from babel.messages.pofile import read_po

# ``N_`` lives with the errors so that the pure cores can mark messages; re-exported here.
from smallball.errors import N_ as N_
from smallball.errors import localized_line, localized_message
from smallball.words import localize, translate

SUPPORTED = ("en", "zh_CN")


DEFAULT = "en"
LOCALE_DIR = Path(__file__).parent / "locale"


class Translations(gettext.NullTranslations):
    """gettext over a Babel catalogue read from a .po file."""

    def __init__(self, messages: dict[str, str], plurals: dict[str, tuple[str, ...]]) -> None:
        super().__init__()
        self._messages = messages
        self._plurals = plurals

    def gettext(self, message: str) -> str:
        return self._messages.get(message) or message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        forms = self._plurals.get(singular)
        if forms:
            # Chinese has one form; English two. Enough for our two languages.
            return forms[0] if len(forms) == 1 or n == 1 else forms[1]
        return singular if n == 1 else plural


@lru_cache(maxsize=8)
def translations(lang: str) -> Translations:
    path = LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"
    messages: dict[str, str] = {}
    plurals: dict[str, tuple[str, ...]] = {}
    if path.exists():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        for message in catalog:
            if not message.id or message.fuzzy:
                continue
            if isinstance(message.id, tuple | list):
                strings = tuple(str(s) for s in message.string or () if s)
                if strings:
                    plurals[str(message.id[0])] = strings
            elif message.string:
                messages[str(message.id)] = str(message.string)
    return Translations(messages, plurals)


def normalise(tag: str | None) -> str | None:
    """Map a language tag such as zh, zh-CN, zh-Hans or en-GB to a supported language."""
    if not tag:
        return None
    tag = tag.strip().replace("-", "_")
    if tag in SUPPORTED:
        return tag
    try:
        locale = Locale.parse(tag)
    except (ValueError, UnknownLocaleError):
        return None
    if locale.language == "zh":
        return "zh_CN"
    if locale.language == "en":
        return "en"
    return None


def negotiate(query: str | None, cookie: str | None, accept_language: str | None) -> str:
    """?lang= first, then the cookie, then the browser's Accept-Language, then English."""
    for candidate in (query, cookie):
        found = normalise(candidate)
        if found:
            return found
    weighted: list[tuple[float, str]] = []
    for part in (accept_language or "").split(","):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        found = normalise(tag)
        if found:
            weighted.append((quality, found))
    if weighted:
        return max(weighted, key=lambda w: w[0])[1]
    return DEFAULT


def environment_language(environ: Mapping[str, str] | None = None) -> str:
    """The language of a command-line run: ``SMALLBALL_LANG`` if it names a supported one, else
    as gettext finds it: the messages locale is the first of ``LC_ALL``, ``LC_MESSAGES`` and
    ``LANG`` that is set; under C or POSIX, English; else ``LANGUAGE`` (a list such as
    ``zh_CN:en``) before the locale itself. English when none names a supported language."""
    env = os.environ if environ is None else environ
    chosen = normalise(env.get("SMALLBALL_LANG"))
    if chosen:
        return chosen
    messages = next((env[k] for k in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(k)), "")
    if messages.split(".")[0] in ("", "C", "POSIX"):
        return DEFAULT
    for tag in [*env.get("LANGUAGE", "").split(":"), messages]:
        found = normalise(tag.split(".")[0].split("@")[0])
        if found:
            return found
    return DEFAULT


@lru_cache(maxsize=8)
def _country_translations(lang: str) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)


def country_name(code: str, lang: str) -> str:
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    name = str(getattr(country, "common_name", None) or country.name)
    translated = _country_translations(lang).gettext(country.name)
    return translated if lang != "en" else name


def localized(text: dict[str, str] | None, lang: str) -> str:
    """Multilingual content in ``lang``, falling back to English, then to any language."""
    if not text:
        return ""
    return text.get(lang) or text.get(DEFAULT) or next(iter(text.values()))


# pydantic's errors on a form, by type, as catalogue templates filled from the error's context.
VALIDATION_MESSAGES = {
    "missing": N_("required"),
    "string_too_short": N_("at least {min_length} characters"),
    "string_too_long": N_("at most {max_length} characters"),
    "too_short": N_("at least {min_length} items"),
    "too_long": N_("at most {max_length} items"),
    "int_parsing": N_("a whole number is needed"),
    "int_type": N_("a whole number is needed"),
    "int_from_float": N_("a whole number is needed"),
    "float_parsing": N_("a number is needed"),
    "greater_than_equal": N_("must be {ge} or more"),
    "less_than_equal": N_("must be {le} or less"),
    "greater_than": N_("must be more than {gt}"),
    "less_than": N_("must be less than {lt}"),
    "literal_error": N_("must be one of {expected}"),
    "bool_parsing": N_("must be true or false"),
    "date_parsing": N_("a date such as 2026-05-01 is needed"),
    "date_from_datetime_parsing": N_("a date such as 2026-05-01 is needed"),
    "datetime_parsing": N_("a date and time such as 2026-05-01T09:30:00+08:00 is needed"),
    "datetime_from_date_parsing": N_("a date and time such as 2026-05-01T09:30:00+08:00 is needed"),
    "string_pattern_mismatch": N_("does not have the expected form"),
}


def refusal_in(exc: Exception, lang: str) -> str:
    """Why something was refused, in one line, in ``lang`` (see ``errors.localized_line``)."""
    return localized_line(exc, translations(lang).gettext, VALIDATION_MESSAGES)


def sentence_in(template: str, lang: str, /, **params: object) -> str:
    """A catalogue template in ``lang``, filled (see ``words.translate``)."""
    return translate(template, params, translations(lang).gettext)


def said_in(value: object, lang: str, names: Mapping[str, str] | None = None) -> object:
    """``value`` with every ``words.Said`` inside it in ``lang``; ``names`` names the entries
    the sentences mention, by id (see ``words.localize``)."""
    return localize(value, translations(lang).gettext, names)


def message_in(exc: Exception, lang: str) -> str:
    """The refusal's message without its field, in ``lang``: what a phone shows the umpire."""
    return localized_message(exc, translations(lang).gettext)
