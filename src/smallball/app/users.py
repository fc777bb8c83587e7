"""Accounts, passwords (argon2), sign-in and API tokens for scripts."""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import BaseModel, Field
from sqlalchemy import func, select

from smallball.app.context import Context
from smallball.app.errors import Conflict, NotAuthenticated
from smallball.app.permissions import require_user
from smallball.app.views import TokenView
from smallball.db.models import ApiToken, User
from smallball.i18n import N_

_hasher = PasswordHasher()


class UserIn(BaseModel):
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254)
    display_name: str = Field(min_length=1, max_length=200)
    password: str = Field(min_length=8, max_length=200)
    is_admin: bool = False


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def new_password() -> str:
    return secrets.token_urlsafe(12)


def create_user(ctx: Context, data: UserIn) -> int:
    """Used by ``smallball user create`` and by invitations; no actor needed for the first."""
    email = data.email.lower()
    if ctx.session.scalars(select(User).where(func.lower(User.email) == email)).first():
        raise Conflict(N_("an account for {email} exists already"), field="email", email=email)
    user = User(
        email=email,
        display_name=data.display_name,
        password_hash=hash_password(data.password),
        is_admin=data.is_admin,
        created_at=ctx.now,
    )
    ctx.session.add(user)
    ctx.session.flush()
    ctx.audit("user.create", "user", user.id, after={"email": email, "is_admin": data.is_admin})
    return user.id


def authenticate(ctx: Context, email: str, password: str) -> int:
    user = ctx.session.scalars(
        select(User).where(func.lower(User.email) == email.strip().lower())
    ).first()
    try:
        if user is None or not _hasher.verify(user.password_hash, password):
            raise NotAuthenticated(N_("wrong email or password"))
    except (VerificationError, InvalidHashError):
        raise NotAuthenticated(N_("wrong email or password")) from None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user.id


def _digest(token: str) -> str:
    # Tokens are long random strings, so a fast hash is enough to keep them unreadable at rest.
    return hashlib.sha256(token.encode()).hexdigest()


def create_api_token(ctx: Context, name: str) -> TokenView:
    user_id = require_user(ctx.actor)
    token = "sb_" + secrets.token_urlsafe(32)
    row = ApiToken(user_id=user_id, name=name, token_hash=_digest(token), created_at=ctx.now)
    ctx.session.add(row)
    ctx.session.flush()
    ctx.audit("token.create", "api_token", row.id, after={"name": name})
    return TokenView(id=row.id, name=name, token=token)


def user_for_token(ctx: Context, token: str) -> int | None:
    row = ctx.session.scalars(
        select(ApiToken).where(ApiToken.token_hash == _digest(token), ApiToken.revoked_at.is_(None))
    ).first()
    return None if row is None else row.user_id
