"""One settings object for the whole application (environment prefix ``SMALLBALL_``)."""

from __future__ import annotations

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SMALLBALL_", env_file=".env", extra="ignore")

    database_url: str = "sqlite:///smallball.sqlite3"
    secret_key: str = "change-me-in-production"
    default_language: str = "en"
    languages: tuple[str, ...] = ("en", "zh_CN")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
