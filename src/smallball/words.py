"""Sentences for readers in several languages: catalogue templates kept beside their English.

A message is a template marked with ``N_`` whose ``{name}`` fields are filled from keyword
arguments. Its English text is what the API, the logs and the tests see; ``translate`` and
``localize`` word it again in the reader's language where it is shown. Names, numbers and codes
stay as they are in every language; entries (players, pairs, teams) named in a sentence may be
shown by the names a page gives them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

Gettext = Callable[[str], str]


class Term(str):
    """A parameter that is itself a word of the catalogue (a status, a stage), so it is
    translated with the message; other parameters are names and numbers, shown as given."""

    __slots__ = ()


def N_(message: str) -> str:
    """Marks a message for the catalogue where it is written; it is translated where shown."""
    return message


def fill(template: str, params: Mapping[str, object]) -> str:
    return template.format(**params) if params else template


class Templated:
    """Something that keeps its catalogue template and values beside the English text, so that
    it can be worded again in the reader's language."""

    template: str
    params: Mapping[str, object]

    def _keep(self, message: str, params: Mapping[str, object]) -> str:
        """Remember the template and its values; the English text."""
        self.template, self.params = message, params
        return fill(message, params)


class Reasons(str):
    """Several refusals as one parameter of another: joined by "; " in English, each worded
    again in the reader's language where the outer message is (``translate``)."""

    items: tuple[Templated, ...]

    def __new__(cls, items: Sequence[Templated]) -> Reasons:
        joined = super().__new__(cls, "; ".join(fill(i.template, i.params) for i in items))
        joined.items = tuple(items)
        return joined


class Said(str, Templated):
    """A sentence of a result (a broken rule of a plan, a note on a pairing, a step of a
    tie-break) that keeps its template: as a ``str`` it is the English text, so JSON and logs
    keep it as before; ``localize`` words it again in the reader's language where shown."""

    def __new__(cls, template: str, /, **params: object) -> Said:
        said = super().__new__(cls, fill(template, params))
        said.template, said.params = template, params
        return said


class Entry(str):
    """An entry named in a sentence by its id: shown by the name the reader's page knows it by
    (``localize``'s ``names``), by the id where there is none."""

    __slots__ = ()


class Entries(tuple[str, ...]):
    """Entries named together by their ids: "A and B", "A, B and C" in English, each shown by
    its name where the page gives one (as ``Entry``)."""

    def __str__(self) -> str:
        return _joined(list(self), ", ", fill)


class Listed(tuple[object, ...]):
    """Items shown one after another: "A 2, B 1" in English (each an ``Entry``, a ``Said`` or
    a plain value)."""

    def __str__(self) -> str:
        return ", ".join(str(item) for item in self)


def _joined(
    items: Sequence[str], separator: str, worded: Callable[[str, Mapping[str, object]], str]
) -> str:
    """ "A, B and C": the last joined by the catalogue's "and", as ``worded`` words it."""
    if len(items) <= 1:
        return "".join(items)
    last = N_("{others} and {last}")
    return worded(last, {"others": separator.join(items[:-1]), "last": items[-1]})


def translate(
    template: str,
    params: Mapping[str, object],
    gettext: Gettext,
    names: Mapping[str, str] | None = None,
) -> str:
    """``template`` in the reader's language, filled; English if the translation does not fit.
    ``names``: how the page names the entries of the sentence (``Entry``), by id."""
    shown = {key: _shown(value, gettext, names or {}) for key, value in params.items()}
    try:
        return fill(gettext(template), shown)
    except (KeyError, IndexError, ValueError):
        return fill(template, params)


def localize(value: object, gettext: Gettext, names: Mapping[str, str] | None = None) -> object:
    """``value`` with every ``Said`` inside it (in lists, tuples and dict values) worded in the
    reader's language; everything else as it is."""
    if isinstance(value, Said):
        return translate(value.template, value.params, gettext, names)
    if isinstance(value, dict):
        return {key: localize(item, gettext, names) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [localize(item, gettext, names) for item in value]
    return value


def _shown(value: object, gettext: Gettext, names: Mapping[str, str]) -> object:
    if isinstance(value, Said):
        return translate(value.template, value.params, gettext, names)
    if isinstance(value, Entry):
        return names.get(value, value)
    if isinstance(value, Entries):
        items = [names.get(e, e) for e in value]

        def worded(template: str, params: Mapping[str, object]) -> str:
            return translate(template, params, gettext)

        return _joined(items, gettext(N_(", ")), worded)
    if isinstance(value, Listed):
        return gettext(N_(", ")).join(str(_shown(item, gettext, names)) for item in value)
    if isinstance(value, Term):
        return gettext(value)
    if isinstance(value, Reasons):
        return "; ".join(translate(i.template, i.params, gettext, names) for i in value.items)
    return value
