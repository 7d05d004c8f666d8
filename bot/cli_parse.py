"""`lapak parse`: read order messages into drafts, one message or a JSONL stream (the parse contract)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer

from core.errors import CatalogError


def register(app: typer.Typer) -> None:
    @app.command("parse")
    def parse(
        text: str = typer.Argument(None, help="The message; omit with --jsonl."),
        catalog: Path = typer.Option(..., "--catalog", help="The shop's catalog CSV."),
        locale: str = typer.Option("id", "--locale", help="id, vi or en."),
        currency: str = typer.Option("IDR", "--currency", help="IDR, VND or MYR."),
        jsonl: bool = typer.Option(
            False, "--jsonl", help="Read JSON lines from stdin, print one draft per line."
        ),
    ) -> None:
        """Read an order message into a draft (JSON), as the bot would."""
        from bot.parse import Parser
        from core.catalog import read_catalog

        try:
            rows = read_catalog(catalog)
        except (OSError, UnicodeDecodeError) as exc:
            typer.echo(f"cannot read the catalog {catalog}: {exc}", err=True)
            raise typer.Exit(1) from exc
        except CatalogError as exc:
            typer.echo(f"cannot read the catalog {catalog}: {exc}", err=True)
            raise typer.Exit(1) from exc
        parsers: dict[tuple[str, str], Any] = {}

        def parser_for(loc: str, cur: str) -> Any:
            key = (loc, cur)
            if key not in parsers:
                parsers[key] = Parser(rows, locale=loc, currency=cur)
            return parsers[key]

        if not jsonl:
            draft = parser_for(locale, currency.upper()).parse(text or "")
            typer.echo(json.dumps(draft.to_json(), ensure_ascii=False, indent=2))
            return
        out = sys.stdout
        for line in sys.stdin:
            if not line.strip():
                continue
            try:
                msg = json.loads(line)
            except json.JSONDecodeError as exc:
                out.write(json.dumps({"id": None, "error": f"not valid JSON: {exc.msg}"}) + "\n")
                continue
            if not isinstance(msg, dict):
                out.write(json.dumps({"id": None, "error": "a line must be a JSON object"}) + "\n")
                continue
            loc = msg.get("locale") if isinstance(msg.get("locale"), str) else locale
            cur = msg.get("currency") if isinstance(msg.get("currency"), str) else currency
            parser = parser_for(str(loc), str(cur).upper())
            text_value = msg.get("text")
            draft = parser.parse(text_value if isinstance(text_value, str) else "")
            out.write(json.dumps({"id": msg.get("id"), "order": draft.to_json()}, ensure_ascii=False) + "\n")
            out.flush()
