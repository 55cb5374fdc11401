"""Commands that take claims elsewhere: `export`, `report` (an HTML page), `serve`
(Datasette), and `db path` (where the database is)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.text import Text

from claimcheck import cli_database, report
from claimcheck.cli_common import database_name
from claimcheck.console import AtLeast, err_console, output_file
from claimcheck.db.engine import ENV_VAR, database_file


@click.command("export", short_help="Export claims, groups, sources or reviews to a file.")
@click.argument("what", type=click.Choice(["claims", "conflicts", "sources", "reviews"]))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json", "jsonl", "claimreview"]),
    default=None,
    help="csv (default), json or jsonl; reviews: claimreview (schema.org JSON-LD).",
)
@click.option("--output", "-o", metavar="FILE", help="Write here instead of stdout.")
@click.option(
    "--status",
    multiple=True,
    type=click.Choice(["conflict", "trend", "agree", "single"]),
    help="conflicts: only groups with this status (repeatable).",
)
@click.option(
    "--confident", is_flag=True, help="conflicts: only groups whose claims meet other documents' (see `conflicts`)."
)
@click.option("--min-sources", type=AtLeast(1), default=1, help="conflicts: only groups this many sources speak to.")
@click.option("--bom", is_flag=True, help="csv: start with a byte order mark, so Excel reads the text as UTF-8.")
@click.pass_context
def export_cmd(
    ctx: click.Context,
    what: str,
    fmt: str,
    output: str | None,
    status: tuple[str, ...],
    confident: bool,
    min_sources: int,
    bom: bool,
) -> None:
    """Export claims, groups (one row per group and claim), sources, or reviews as ClaimReview."""
    if what == "reviews":
        if fmt not in (None, "claimreview"):
            raise click.BadParameter("reviews export as --format claimreview", param_hint="--format")
        from claimcheck.cli_verdicts import export_reviews_cmd

        ctx.invoke(
            export_reviews_cmd, fmt="claimreview", output=output, include_orphaned=False, organization="claimcheck"
        )
        return
    if fmt == "claimreview":
        raise click.BadParameter("claimreview is the format of `export reviews`", param_hint="--format")
    fmt = fmt or "csv"
    if bom and fmt != "csv":
        raise click.BadParameter("a byte order mark is for CSV files", param_hint="--bom")
    with cli_database.session(ctx) as s, output_file(output, database_file(ctx.find_object(dict).get("db"))) as out:
        rows, columns = report.export_rows(s, what, fmt, list(status) or None, confident, min_sources)
        n = report.write(rows, columns, fmt, out, bom=bom)
    if output and output != "-":
        err_console().print(f"wrote {n} rows to {output}")


@click.command("report", short_help="Write a shareable HTML page of conflicts and agreements.")
@click.option("--output", "-o", metavar="FILE", help="Write here instead of stdout.")
@click.option(
    "--status",
    multiple=True,
    type=click.Choice(["conflict", "trend", "agree", "single"]),
    help="Only groups with this status (repeatable; default: conflicts, trends and agreements).",
)
@click.option("--min-sources", type=AtLeast(1), default=1, help="Only groups this many sources speak to.")
@click.option("--confident", is_flag=True, help="Only groups whose claims meet other documents' (see `conflicts`).")
@click.option("--limit", type=AtLeast(0), default=0, help="Only the first this many groups in report order (0: all).")
@click.option("--title", default="claimcheck report", show_default=True, help="The page's title.")
@click.pass_context
def report_cmd(
    ctx: click.Context,
    output: str | None,
    status: tuple[str, ...],
    min_sources: int,
    confident: bool,
    limit: int,
    title: str,
) -> None:
    """Write one self-contained HTML page (it loads nothing from the network) of the
    conflicts, trends and agreements: each group's sides, the quotes with the figure marked,
    their sources and dates, and why the claims were put together."""
    from datetime import UTC, datetime

    from claimcheck import report_html

    query = report.GroupQuery(list(status) or ["conflict", "trend", "agree"], confident, min_sources, limit or None)
    info = report_html.PageInfo(
        title=title, database=database_name(ctx), generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    )
    with cli_database.session(ctx) as s:
        page = report_html.page(report.groups(s, query), info)
    with output_file(output, database_file(ctx.find_object(dict).get("db"))) as out:
        out.write(page)
    if output and output != "-":
        err_console().print(f"wrote {output}")


@click.command("serve", short_help="Browse and search the database in Datasette (an extra).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", "-p", type=click.IntRange(0, 65535), default=8001, show_default=True, help="Port (0: any free one)."
)
@click.option("--metadata", "print_metadata", is_flag=True, help="Print Datasette's metadata as JSON and exit.")
@click.pass_context
def serve_cmd(ctx: click.Context, host: str, port: int, print_metadata: bool) -> None:
    """Open the database in Datasette with titles, descriptions, facets, canned queries
    (conflicts across sources, the claims of one source, a subject's figures) and search over
    the claims' quotes. Needs the extra: pip install 'claimcheck-db[serve]'. SQLite only."""
    import subprocess
    import tempfile

    from claimcheck import serve

    path = database_file(ctx.find_object(dict).get("db"))
    if path is None:
        raise click.ClickException("Datasette opens SQLite files; --db names a database server")
    meta = serve.metadata(path.stem)
    if print_metadata:
        sys.stdout.write(json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
        return
    cli_database.engine(ctx, write=False).dispose()  # it exists and has the current schema (0012: its search)
    with tempfile.TemporaryDirectory(prefix="claimcheck-serve-") as tmp:
        meta_file = Path(tmp) / "metadata.json"
        meta_file.write_text(json.dumps(meta, ensure_ascii=False))
        command = serve.datasette_command(path, meta_file, host, port)
        err_console().print(f"serving {path} with Datasette; Ctrl-C stops it")
        try:
            code = subprocess.call(command)
        except KeyboardInterrupt:
            code = 0
    ctx.exit(code)


@click.group("db", short_help="Where the database is.")
def db_cmd() -> None:
    """The database itself: `claimcheck db path` says where it is."""


@db_cmd.command("path", short_help="Print where the database is, and why there.")
@click.pass_context
def db_path_cmd(ctx: click.Context) -> None:
    """Print the database's file (or its URL, without the password) on stdout, and on stderr
    where that choice came from (--db, $CLAIMCHECK_DB or the default) and whether it exists.
    Creates nothing."""
    root = ctx.find_root()
    chosen = {
        click.core.ParameterSource.COMMANDLINE: "--db",
        click.core.ParameterSource.ENVIRONMENT: f"${ENV_VAR}",
    }.get(root.get_parameter_source("db"), f"the default (neither --db nor ${ENV_VAR} is set)")
    name = database_name(ctx)
    path = database_file(ctx.find_object(dict).get("db"))
    click.echo(str(path.resolve()) if path is not None else name)
    if path is None:
        state = "a database server"
    elif path.is_file():
        state = "exists"
    else:
        state = "does not exist yet: `claimcheck ingest` creates it"
    err_console().print(Text(f"from {chosen}; {state}"))


def register(main: click.Group) -> None:
    """Add these commands to `main`."""
    main.add_command(export_cmd)
    main.add_command(report_cmd)
    main.add_command(serve_cmd)
    main.add_command(db_cmd)
