"""The umpire link: a signed token for one match, carried by the link or its QR code."""

from __future__ import annotations

from itsdangerous import BadSignature, URLSafeTimedSerializer

MAX_AGE_S = 7 * 24 * 3600


def _serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt="smallball-umpire")


def make_token(secret: str, match_id: int, user_id: int) -> str:
    return _serializer(secret).dumps({"m": match_id, "u": user_id})


def user_for_token(secret: str, token: str, match_id: int) -> int | None:
    """The user the token acts for, if it is genuine, fresh and for this match."""
    try:
        data = _serializer(secret).loads(token, max_age=MAX_AGE_S)
    except BadSignature:
        return None
    if not isinstance(data, dict) or data.get("m") != match_id:
        return None
    user = data.get("u")
    return user if isinstance(user, int) else None
