"""What the command modules share: the --format option, how a value and a period read in a
table, and the database's name as a user would give it."""

from __future__ import annotations

from typing import Any

import click
from rich.console import Console
from rich.text import Text

from claimcheck.console import safe
from claimcheck.db.engine import database_file, database_url
from claimcheck.errors import ClaimcheckError
from claimcheck.report_write import figure

FORMATS = ["table", "csv", "json", "jsonl"]


def format_option(default: str = "table"):  # type: ignore[no-untyped-def]
    return click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default=default, show_default=True, help="Output format."
    )


def value_text(r: dict[str, Any]) -> str:
    """A row's value as a reader says it ('>90%', 'President')."""
    return figure(r.get("value"), r.get("unit"), r.get("qualifier"), r.get("low"), r.get("high"), r.get("value_text"))


def period_text(r: dict[str, Any]) -> str:
    """A row's period: '2021', '2014-2017', '2020-' or 'no period'."""
    a, b = r.get("period_start"), r.get("period_end")
    if not a and not b:
        return "no period"
    if a == b or not b:
        return f"{a}" + ("" if b else "-")
    return f"{a or ''}-{b}"


def database_name(ctx: click.Context) -> str:
    """The command's database as a user would name it: the SQLite file, or the URL without its password."""
    db = (ctx.obj or {}).get("db")
    try:
        path = database_file(db)
        if path is not None:
            return str(path)
        from sqlalchemy.engine import make_url

        return make_url(database_url(db)).render_as_string(hide_password=True)
    except ClaimcheckError:  # (an unusable --db: name it as given)
        return db or "the database"


def print_legend(out: Console, names: dict[str, str]) -> None:
    """Under a table whose source column used short names: each with the file it stands for."""
    legend = sorted((short, full) for full, short in names.items() if short != full)
    if legend:
        out.print(Text("sources:", style="dim"))
        for short, full in legend:
            out.print(Text(f"  {short}  {safe(full)}", style="dim"), soft_wrap=True)  # a name is not broken
