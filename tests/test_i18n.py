"""Every user-facing message has a Chinese translation; language negotiation; countries."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir

from smallball.i18n import (
    country_name,
    environment_language,
    localized,
    negotiate,
    translations,
)

SRC = Path(__file__).parents[1] / "src" / "smallball"
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)}


def extracted() -> set[str]:
    found: set[str] = set()
    method_map = [("**.py", "python"), ("web/templates/**.html", "jinja2")]
    options = {"web/templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(SRC), method_map, options, keywords=KEYWORDS
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def words(template: str) -> str:
    """The text of a template outside its fields."""
    return "".join(text for text, *_ in string.Formatter().parse(template)).strip(" ;:,.")


def test_every_message_is_translated_into_chinese() -> None:
    zh = translations("zh_CN")
    messages = extracted()
    assert "Sign in" in messages  # the extractor sees the templates
    # A template of fields alone ("{reasons}") has no words: it is its own translation.
    untranslated = sorted(m for m in messages if zh.gettext(m) == m and words(m))
    assert untranslated == []


def test_every_translation_keeps_the_fields_of_its_message() -> None:
    zh = translations("zh_CN")
    formatter = string.Formatter()

    def fields(text: str) -> set[str]:
        return {f"{name}!{conv}" for _, name, _, conv in formatter.parse(text) if name is not None}

    templates = [m for m in extracted() if "{" in m]
    assert "no player {person_id}" in templates  # the refusals with fields are extracted
    differ = [m for m in templates if fields(zh.gettext(m)) != fields(m)]
    assert differ == []


@pytest.mark.parametrize(
    ("query", "cookie", "header", "expected"),
    [
        ("zh_CN", None, None, "zh_CN"),
        ("zh-CN", "en", None, "zh_CN"),
        (None, "zh_CN", "en-US", "zh_CN"),
        (None, None, "zh-TW,zh;q=0.9", "zh_CN"),
        (None, None, "fr-FR,en;q=0.5,zh;q=0.8", "zh_CN"),
        (None, None, "de-DE", "en"),
        ("xx", None, None, "en"),
        (None, None, None, "en"),
    ],
)
def test_language_comes_from_query_then_cookie_then_header(
    query: str | None, cookie: str | None, header: str | None, expected: str
) -> None:
    assert negotiate(query, cookie, header) == expected


def test_country_names_are_translated() -> None:
    assert country_name("USA", "zh_CN") == "美国"
    assert country_name("CHN", "zh_CN") == "中国"
    assert country_name("DEU", "en") == "Germany"
    assert country_name("XXX", "en") == "XXX"


def test_multilingual_content_falls_back_to_english() -> None:
    assert localized({"en": "Open", "zh_CN": "公开赛"}, "zh_CN") == "公开赛"
    assert localized({"en": "Open"}, "zh_CN") == "Open"
    assert localized({"zh_CN": "公开赛"}, "en") == "公开赛"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"SMALLBALL_LANG": "zh-CN", "LANG": "en_GB.UTF-8"}, "zh_CN"),
        ({"SMALLBALL_LANG": "xx", "LANG": "zh_CN.UTF-8"}, "zh_CN"),
        ({"LANG": "zh_TW.UTF-8"}, "zh_CN"),
        ({"LANGUAGE": "zh_CN:en", "LANG": "en_US.UTF-8"}, "zh_CN"),
        ({"LANGUAGE": "fr:de", "LANG": "zh_CN.UTF-8"}, "zh_CN"),
        ({"LC_ALL": "C.UTF-8", "LANGUAGE": "zh_CN", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LC_MESSAGES": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LANG": "de_DE@euro"}, "en"),
        ({}, "en"),
    ],
)
def test_command_line_language_follows_smallball_lang_then_the_locale(
    environ: dict[str, str], expected: str
) -> None:
    assert environment_language(environ) == expected
