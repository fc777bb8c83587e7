"""An answer's sentences (``words.Said``: notes, broken rules, tie-break steps) in the language
the request asks for: ``lang``, the language cookie, then Accept-Language; English without one.
Refusals say both (``message`` and ``localized``); data says one, so a client that names no
language keeps the English it had."""

from __future__ import annotations

from typing import Annotated, TypeVar, cast

from fastapi import Depends, Request

from smallball.i18n import translations
from smallball.web.templating import request_language
from smallball.words import localize

T = TypeVar("T")


class Worded:
    def __init__(self, lang: str) -> None:
        self.gettext = translations(lang).gettext

    def __call__(self, answer: T) -> T:
        # ``localize`` keeps the shape: dicts stay dicts, lists and tuples become lists.
        return cast(T, localize(answer, self.gettext))


def _sentences(request: Request) -> Worded:
    return Worded(request_language(request))


Sentences = Annotated[Worded, Depends(_sentences)]
