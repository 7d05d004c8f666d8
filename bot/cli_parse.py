"""`lapak parse`: read order messages into drafts, one message or a JSONL stream (the parse contract)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer

from core.errors import CatalogError

CURRENCY_OF = {"id": "IDR", "vi": "VND", "en": "MYR", "ms": "MYR"}
LOCALE_OF = {"IDR": "id", "VND": "vi", "MYR": "en"}


def _defaults(locale: str | None, currency: str | None) -> tuple[str, str]:
    """A shop's locale and currency go together; either one gives the other."""
    loc = (locale or LOCALE_OF.get((currency or "").upper(), "id")).lower()
    cur = (currency or CURRENCY_OF.get(loc[:2], "IDR")).upper()
    return loc, cur


def register(app: typer.Typer) -> None:
    @app.command("parse")
    def parse(
        text: str = typer.Argument(None, help="The message; omit with --jsonl."),
        catalog: Path = typer.Option(..., "--catalog", help="The shop's catalog CSV."),
        locale: str = typer.Option(None, "--locale", help="id, vi or en (default: from the currency)."),
        currency: str = typer.Option(None, "--currency", help="IDR, VND or MYR (default: from the locale)."),
        jsonl: bool = typer.Option(
            False, "--jsonl", help="Read JSON lines from stdin, print one draft per line."
        ),
    ) -> None:
        """Read an order message into a draft (JSON), as the bot would."""
        from bot.parse import Parser
        from core.catalog import read_catalog

        try:
            # Prices read as the currency writes them when one is given; plain numbers otherwise.
            rows = read_catalog(catalog, _defaults(locale, currency)[1] if locale or currency else None)
        except (OSError, UnicodeDecodeError) as exc:
            typer.echo(f"cannot read the catalog {catalog}: {exc}", err=True)
            raise typer.Exit(1) from exc
        except CatalogError as exc:
            typer.echo(f"cannot read the catalog {catalog}: {exc}", err=True)
            raise typer.Exit(1) from exc
        locale, currency = _defaults(locale, currency)
        parsers: dict[tuple[str, str], Any] = {}

        def parser_for(loc: str, cur: str) -> Any:
            key = (loc, cur)
            if key not in parsers:
                parsers[key] = Parser(rows, locale=loc, currency=cur)
            return parsers[key]

        if not jsonl:
            draft = parser_for(locale, currency).parse(text or "")
            typer.echo(json.dumps(draft.to_json(), ensure_ascii=False, indent=2))
            return
        out = sys.stdout
        for line in sys.stdin:
            try:
                msg = json.loads(line)
            except json.JSONDecodeError as exc:
                out.write(json.dumps({"id": None, "error": f"not valid JSON: {exc.msg}"}) + "\n")
                continue
            if not isinstance(msg, dict):
                out.write(json.dumps({"id": None, "error": "a line must be a JSON object"}) + "\n")
                continue
            loc = msg.get("locale") if isinstance(msg.get("locale"), str) else None
            cur = msg.get("currency") if isinstance(msg.get("currency"), str) else None
            # a line names its shop's locale and currency; what it leaves out follows what it gives,
            # and a line that gives neither follows the command line
            parser = parser_for(*(_defaults(loc, cur) if (loc or cur) else (locale, currency)))
            text_value = msg.get("text")
            draft = parser.parse(text_value if isinstance(text_value, str) else "")
            out.write(json.dumps({"id": msg.get("id"), "order": draft.to_json()}, ensure_ascii=False) + "\n")
            out.flush()
