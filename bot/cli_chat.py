"""`lapak chat` (the console) and `lapak run` (Telegram when a token is set, the console otherwise)."""

from __future__ import annotations

import logging

import typer

from bot.cli import Context
from bot.engine import Engine
from bot.settings import Settings

HINT = ("Telegram is not connected: set LAPAK_TELEGRAM_TOKEN (from @BotFather) in .env to run the bot; "
        "meanwhile, here is the local console.")


def register(app: typer.Typer) -> None:
    @app.command("chat")
    def chat(
        as_: str = typer.Option("owner", "--as", help="Who you are: owner, admin, staff or stranger."),
        group: bool = typer.Option(False, "--group", help="Talk in the shop's group chat, not privately."),
    ) -> None:
        """Talk to the bot in this terminal, on the local database (buttons are numbers)."""
        from bot.console import PEOPLE, run_console

        if as_ not in PEOPLE:
            typer.echo(f"--as must be one of {', '.join(PEOPLE)}", err=True)
            raise typer.Exit(1)
        ctx = Context()
        logging.basicConfig(level=logging.WARNING)
        run_console(Engine(ctx.engine), who=as_, group=group)

    @app.command("run")
    def run() -> None:
        """Run the Telegram bot (LAPAK_TELEGRAM_TOKEN set), or the local console with a hint."""
        from bot.console import run_console

        ctx = Context(long_running=True)
        settings = ctx.settings
        logging.basicConfig(level=settings.log_level.upper(),
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        if not settings.telegram_token:
            logging.getLogger().setLevel(logging.WARNING)
            run_console(Engine(ctx.engine), hint=HINT)
            return
        if settings.bot_framework == "aiogram":
            from bot import telegram_aiogram as adapter
        else:
            from bot import telegram_ptb as adapter  # type: ignore[no-redef]
        adapter.run(settings, Engine(ctx.engine, bot_username=_bot_username(settings)))


def _bot_username(settings: Settings) -> str:
    """The bot's @username for invite links and mentions, from getMe (a wrong token fails here, clearly)."""
    import httpx

    base = (settings.telegram_api_url or "https://api.telegram.org").rstrip("/")
    try:
        reply = httpx.get(f"{base}/bot{settings.telegram_token}/getMe", timeout=20).json()
    except (httpx.HTTPError, ValueError) as exc:
        raise SystemExit(f"cannot reach the Telegram Bot API at {base}: {exc}") from None
    if not reply.get("ok"):
        raise SystemExit(f"Telegram refused the token: {reply.get('description', 'unknown error')}")
    return str(reply["result"]["username"])
