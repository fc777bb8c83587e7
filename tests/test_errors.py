"""Refusals: English for the API and the CLI, the reader's language on a page."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, Field, ValidationError, field_validator

from smallball.app.errors import Conflict, NotFound
from smallball.errors import (
    N_,
    InputError,
    Reasons,
    Refusal,
    Term,
    localized_line,
    localized_message,
    one_line,
)
from smallball.i18n import translations

CATALOGUE = {
    "no player {person_id} at this event": "本赛事没有编号为 {person_id} 的运动员",
    "the entry is {status}; only pending or waiting entries are approved": "状态为 {status}",
    "withdrawn": "已退出",
    "say how many groups": "请说明分几个小组",
}


def gettext(message: str) -> str:
    return CATALOGUE.get(message, message)


def test_a_template_is_filled_in_english_and_translated_before_it_is_filled() -> None:
    refused = InputError("person_ids[1]", "no player {person_id} at this event", person_id=42)
    assert str(refused) == "person_ids[1]: no player 42 at this event"
    assert refused.message == "no player 42 at this event"
    assert one_line(refused) == "person_ids[1]: no player 42 at this event"
    assert localized_line(refused, gettext) == "person_ids[1]: 本赛事没有编号为 42 的运动员"


def test_a_term_is_translated_and_a_name_is_not() -> None:
    refused = Conflict(
        "the entry is {status}; only pending or waiting entries are approved",
        status=Term("withdrawn"),
    )
    assert str(refused) == "the entry is withdrawn; only pending or waiting entries are approved"
    assert localized_line(refused, gettext) == "状态为 已退出"
    named = NotFound("no player {person_id} at this event", person_id="withdrawn")
    assert localized_line(named, gettext) == "本赛事没有编号为 withdrawn 的运动员"


def test_a_translation_that_misses_a_field_falls_back_to_english() -> None:
    def broken(message: str) -> str:
        return "没有 {someone}" if message.startswith("no player") else message

    refused = NotFound("no player {person_id} at this event", person_id=7)
    assert localized_line(refused, broken) == "no player 7 at this event"


def test_braces_in_a_message_without_fields_are_kept() -> None:
    refused = InputError("matches[0]", "expected {a JSON object}")
    assert refused.message == "expected {a JSON object}"
    assert localized_line(refused, gettext) == "matches[0]: expected {a JSON object}"


def test_the_chinese_catalogue_translates_the_app_refusals() -> None:
    zh = translations("zh_CN").gettext
    refused = InputError("groups", "say how many groups")
    assert localized_line(refused, zh) == "groups: 请说明分几个小组"
    lots = Conflict(
        "group {group} needs a lot between entries {entries}",
        field="lots.2",
        group=2,
        entries="5, 9",
    )
    assert str(lots) == "lots.2: group 2 needs a lot between entries 5, 9"
    assert localized_line(lots, zh) == "lots.2: 第 2 组需要在报名 5, 9 之间抽签决定名次"


class _Form(BaseModel):
    name: str = Field(min_length=2)
    country: str

    @field_validator("country")
    @classmethod
    def _known(cls, value: str) -> str:
        if value != "CHN":
            raise Refusal("unknown country {value!r}", value=value)
        return value


def _refusal(data: dict[str, str]) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        _Form.model_validate(data)
    return caught.value


def test_pydantic_errors_are_translated_by_type_and_by_the_validators_refusal() -> None:
    catalogue = {"unknown country {value!r}": "未知国家 {value!r}"}

    def zh(message: str) -> str:
        return catalogue.get(message, message)

    short = _refusal({"name": "A", "country": "CHN"})
    known = {"string_too_short": "at least {min_length} characters"}
    assert localized_line(short, zh, known) == "name: at least 2 characters"
    assert localized_line(short, zh) == one_line(short)  # an unknown type stays as pydantic says
    wrong = _refusal({"name": "Ann", "country": "XXX"})
    assert one_line(wrong) == "country: unknown country 'XXX'"
    assert localized_line(wrong, zh) == "country: 未知国家 'XXX'"
    assert localized_line(wrong, zh, known) == "country: 未知国家 'XXX'"


def test_the_message_alone_is_translated_without_its_field() -> None:
    refused = InputError("person_ids[1]", "no player {person_id} at this event", person_id=42)
    assert localized_message(refused, gettext) == "本赛事没有编号为 42 的运动员"
    plain = InputError("sides", "a player appears twice")
    assert localized_message(plain, gettext) == "a player appears twice"


def test_reasons_are_joined_in_english_and_each_worded_again_when_shown() -> None:
    reasons = Reasons(
        [
            Refusal(N_("a player is listed twice")),
            Refusal(N_("{name}: aged {age}"), name="Li", age=9),
        ]
    )
    refused = InputError("person_ids", N_("{reasons}"), reasons=reasons)
    assert str(refused) == "person_ids: a player is listed twice; Li: aged 9"
    shouted = {"a player is listed twice": "TWICE", "{name}: aged {age}": "{name} IS {age}"}
    line = localized_line(refused, lambda m: shouted.get(m, m))
    assert line == "person_ids: TWICE; Li IS 9"


def test_a_said_sentence_is_english_text_and_worded_again_where_shown() -> None:
    import json

    from smallball.words import Said, localize

    inner = Said("{count} men", count=2)
    said = Said("{who} unpaired", who=inner)
    assert said == "2 men unpaired" and json.dumps([said]) == '["2 men unpaired"]'
    words = {"{who} unpaired": "{who} 无法配对", "{count} men": "{count} 名男选手"}
    shown = localize({"notes": (said, "as is"), "n": 3}, lambda t: words.get(t, t))
    assert shown == {"notes": ["2 名男选手 无法配对", "as is"], "n": 3}
    # A translation that loses a field falls back to the English sentence.
    assert localize(said, lambda t: "broken {other}") == "2 men unpaired"
