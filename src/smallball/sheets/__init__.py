"""Printable PDF sheets (score sheets, draw sheets) from plain dataclasses, in any language."""
