"""FastAPI: the JSON API under /api and the HTML pages. Handlers parse, call one use case,
render; no SQL here."""
