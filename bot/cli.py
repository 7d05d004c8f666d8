"""The `lapak` command line: one place that wires settings, the database and the services."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

import typer
from pydantic import ValidationError
from pydantic_core import ErrorDetails
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DataError, InterfaceError, OperationalError
from sqlmodel import Session

from bot.settings import Settings
from core.errors import LapakError
from storage.db import make_engine, unit_of_work, upgrade

app = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
                  help="Lapak: the chat-first order desk for online sellers.")
db_app = typer.Typer(no_args_is_help=True, help="The database schema.")
app.add_typer(db_app, name="db")


class Context:
    """Settings and a database engine, made once per command and upgraded on first use."""

    def __init__(self, settings: Settings | None = None, *, long_running: bool = False):
        self.settings = settings or Settings()
        self.long_running = long_running  # the bot: SQLite's WAL is checkpointed by a background thread
        self._engine: Engine | None = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.settings.database_url, background_checkpoints=self.long_running)
            upgrade(self._engine)
        return self._engine

    @contextmanager
    def session(self) -> Iterator[Session]:
        with unit_of_work(self.engine) as session:
            yield session


def fail(message: str) -> NoReturn:
    """One clear line on stderr and exit status 1."""
    typer.echo(message, err=True)
    raise typer.Exit(1)


def echo_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def shown_url(url: str) -> str:
    """The database URL fit to print: its password as `***` (the terminal may be shared or logged)."""
    return make_url(url).render_as_string(hide_password=True)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create or migrate the schema to the newest version."""
    ctx = Context()
    upgrade(make_engine(ctx.settings.database_url))
    typer.echo(f"database is up to date: {shown_url(ctx.settings.database_url)}")


def _register() -> None:
    """Sub-commands live beside the feature they drive."""
    import importlib

    for module in ("bot.cli_core", "bot.cli_parse", "bot.cli_chat"):
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
            continue
        # A module imported before bot.cli is only half-loaded here (it imports us); skip, not crash.
        if hasattr(mod, "register"):
            mod.register(app)


_register()


def main() -> None:
    try:
        code = app(standalone_mode=False)
    except KeyboardInterrupt:
        sys.exit(130)
    except typer.Abort:
        sys.exit(1)
    except typer.TyperException as exc:
        _usage_error(exc)
    except Exception as exc:
        message = _problem(exc)
        if message is None:
            raise  # a bug: its traceback is what fixes it
        typer.echo(message, err=True)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


def _problem(exc: Exception) -> str | None:
    """The one line that says what was wrong with the input or the set-up, or None for a bug.

    Every command ends here, so bad input that got past a command's own checks (a path that cannot be
    written, a number too large for the database, a bad LAPAK_ setting) is one line, never a traceback.
    """
    if isinstance(exc, LapakError):
        return str(exc)
    if isinstance(exc, ValidationError):  # Settings is the only pydantic model
        return "; ".join(_setting(error) for error in exc.errors())
    if isinstance(exc, OSError):
        return f"{exc.filename}: {exc.strerror}" if exc.filename and exc.strerror else str(exc)
    if isinstance(exc, OverflowError) or (  # past SQLite's integers, or PostgreSQL's (SQLSTATE 22003)
            isinstance(exc, DataError) and getattr(exc.orig, "sqlstate", None) == "22003"):
        return "a number is too large to store"
    if isinstance(exc, DataError):  # PostgreSQL's other refusals: `value too long for type ...`
        return f"the database refused a value: {_first_line(exc.orig)}"
    if isinstance(exc, OperationalError | InterfaceError):
        return f"cannot use the database: {_first_line(exc.orig)}"
    return None


def _setting(error: ErrorDetails) -> str:
    """`LAPAK_WEBHOOK_PORT: Input should be a valid integer`, without the value: it may be a secret."""
    name = "LAPAK_" + "_".join(map(str, error["loc"])).upper()
    return f"{name}: {error['msg'].removeprefix('Value error, ')}"


def _first_line(error: BaseException | None) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def _usage_error(exc: Exception) -> NoReturn:
    """A wrong argument: one line naming the command, instead of click's usage block (exit 1, not 2)."""
    ctx = getattr(exc, "ctx", None)
    if type(exc).__name__ == "NoArgsIsHelpError":  # `lapak orders` alone: the help is the answer
        typer.echo(ctx.get_help() if ctx else str(exc))
        sys.exit(0)
    message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    where = f"{ctx.command_path}: " if ctx is not None else ""
    typer.echo(f"{where}{message} (see --help)", err=True)
    sys.exit(1)
