"""Fill untranslated Chinese messages from a JSON file of {msgid: msgstr}.

Usage: .venv/bin/python tools/translate.py translations.json
Run `make i18n` first so that the catalogue lists every message.
"""

from __future__ import annotations

import json
import sys

from babel.messages.pofile import read_po, write_po

PO = "src/smallball/locale/zh_CN/LC_MESSAGES/messages.po"


def main(path: str) -> None:
    with open(path, encoding="utf-8") as handle:
        given = json.load(handle)
    with open(PO, "rb") as handle:
        catalog = read_po(handle, locale="zh_CN")
    for message in catalog:
        if message.id and not message.string and message.id in given:
            message.string = given[message.id]
    with open(PO, "wb") as handle:
        write_po(handle, catalog, width=100)
    missing = [m.id for m in catalog if m.id and not m.string]
    print("still untranslated:", missing)


if __name__ == "__main__":
    main(sys.argv[1])
