"""Lapak's one settings class, read from LAPAK_* environment variables and `.env`."""

from __future__ import annotations

from typing import Literal

from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

PLACEHOLDERS = {"", "changeme", "change-me", "change_me", "your-token-here", "xxx"}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LAPAK_", env_file=".env", extra="ignore")

    # Where orders live. Empty: an SQLite file `lapak.db` in the current directory.
    database_url: str = "sqlite:///lapak.db"
    # Telegram bot token from @BotFather; without it `lapak run` opens the local console.
    telegram_token: str | None = None
    bot_framework: Literal["ptb", "aiogram"] = "ptb"
    # A self-hosted Bot API server, e.g. http://127.0.0.1:8081 (default: Telegram's own).
    telegram_api_url: str | None = None
    # Webhook mode when set (public https URL Telegram posts updates to); long polling otherwise.
    webhook_url: str | None = None
    webhook_secret: str | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    log_level: str = "INFO"
    # The shop `lapak` commands act on when the database holds several (name or id).
    shop: str | None = None

    @field_validator("database_url", mode="before")
    @classmethod
    def _default_database(cls, value: object) -> object:
        return value or "sqlite:///lapak.db"

    @field_validator("database_url")
    @classmethod
    def _sqlite_or_postgresql(cls, value: str) -> str:
        # the two Lapak runs on; another URL failed at the first query, naming a driver, not the setting
        try:
            backend = make_url(value).get_backend_name()
        except ArgumentError:
            backend = None
        if backend not in ("sqlite", "postgresql"):
            raise ValueError("is neither sqlite:///FILE nor postgresql://USER:PASSWORD@HOST/DATABASE")
        return value

    @field_validator("telegram_token", "webhook_secret")
    @classmethod
    def _refuse_placeholder(cls, value: str | None) -> str | None:
        if value is not None and value.strip().lower() in PLACEHOLDERS - {""}:
            raise ValueError("is still the placeholder from .env.example; set a real value or leave it empty")
        return value or None
