"""An answer's sentences (``words.Said``: notes, broken rules, tie-break steps) in the language
the request asks for: ``lang``, the language cookie, then Accept-Language; English without one.
Refusals say both (``message`` and ``localized``); data says one, so a client that names no
language keeps the English it had."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, TypeVar, cast

from fastapi import Depends, Request

from smallball.i18n import said_in
from smallball.web.templating import request_language

T = TypeVar("T")


class Worded:
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, answer: T, names: Mapping[str, str] | None = None) -> T:
        """``names``: the entries the sentences mention, by id, named as the pages name them."""
        # ``said_in`` keeps the shape: dicts stay dicts, lists and tuples become lists.
        return cast(T, said_in(answer, self.lang, names))


def _sentences(request: Request) -> Worded:
    return Worded(request_language(request))


Sentences = Annotated[Worded, Depends(_sentences)]
