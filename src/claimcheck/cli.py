"""The command line: parse options, call the library, render. Data to stdout, talk to stderr."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.text import Text

from claimcheck import __version__, cli_database, report
from claimcheck.cli_common import database_name, format_option, period_text, print_legend, value_text
from claimcheck.console import (
    AtLeast,
    err_console,
    out_console,
    safe,
    short_names,
    snippet,
    table,
)
from claimcheck.db.engine import ENV_VAR
from claimcheck.errors import ClaimcheckError, database_failure, reason_of

if TYPE_CHECKING:
    from claimcheck.pipeline import DocResult, Shard

# SQLAlchemy, extraction, the verdict layer and rich's progress bars are imported by the
# commands that use them: `conflicts` on a current SQLite file imports none of them
# (db/reads.py) and starts in a fraction of the time.


class _Group(click.Group):
    """Turns library errors into one-line messages with exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ClaimcheckError as e:
            raise click.ClickException(str(e)) from None
        except Exception as e:
            message = _database_failure(e, database_name(ctx))
            if message is None:
                raise
            raise click.ClickException(message) from None


def _database_failure(e: BaseException, database: str) -> str | None:
    """A one-line message for a database that refused to go on (read-only, locked, disk full,
    connection lost, a damaged file), or None for any other exception, which stays a traceback
    to report. Nothing is half-stored: the transaction that failed was rolled back."""
    import sqlite3

    operational: list[type[BaseException]] = [sqlite3.OperationalError]
    refused: list[type[BaseException]] = [sqlite3.DatabaseError]  # among them, a damaged file's errors
    sa_exc = sys.modules.get("sqlalchemy.exc")
    if sa_exc is not None:
        operational += [sa_exc.OperationalError, sa_exc.InterfaceError]
        refused.append(sa_exc.DatabaseError)
    if isinstance(e, tuple(operational)):
        return database_failure(database, reason_of(e), "check the database, then run the command again")
    if isinstance(e, tuple(refused)):
        return database_failure(database, reason_of(e))
    return None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db",
    metavar="PATH|URL",
    envvar=ENV_VAR,
    default=None,
    help=f"Database file or SQLAlchemy URL (default ./claimcheck.db, or ${ENV_VAR}).",
)
@click.version_option(__version__, prog_name="claimcheck")
@click.pass_context
def main(ctx: click.Context, db: str | None) -> None:
    """claimcheck: find where documents agree and conflict on the same facts."""
    ctx.obj = {"db": db}


SKIPPED_SHOWN = 5  # files passed over for their kind that `ingest` names without --list-skipped


# -- ingest ----------------------------------------------------------------------------
@main.command("ingest", short_help="Read documents (files or folders) and store their claims.")
@click.argument("paths", nargs=-1, required=True)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option(
    "--list-skipped",
    is_flag=True,
    help=f"Name every file passed over for its kind, not only the first {SKIPPED_SHOWN}.",
)
@click.option(
    "--jobs",
    "-j",
    type=AtLeast(1),
    default=None,
    help="Worker processes for reading and extraction (default: the machine's cores).",
)
@click.option(
    "--shard",
    metavar="K/N",
    callback=lambda ctx, param, value: _shard_option(value),
    help="Ingest only shard K of N (1 <= K <= N), chosen by a hash of each file's path relative to "
    "the folder given: N processes, on N machines given the same folder, share one PostgreSQL database.",
)
@click.option(
    "--trust",
    is_flag=True,
    help="Also store TruthFinder's scores at the end, so `conflicts` reads them instead of computing them.",
)
@click.pass_context
def ingest_cmd(
    ctx: click.Context,
    paths: tuple[str, ...],
    quiet: bool,
    list_skipped: bool,
    jobs: int | None,
    shard: Shard | None,
    trust: bool,
) -> None:
    """Read documents (files or folders, recursively) and store their claims."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from claimcheck.pipeline import ingest, store_trust

    err = err_console()
    stored = 0  # documents committed so far, for the line Ctrl-C ends with

    def advance(result: DocResult) -> None:
        nonlocal stored
        stored += result.status in ("new", "updated")
        progress.advance(task)

    try:
        engine = cli_database.engine(ctx, write=True)
        with Progress(
            TextColumn("ingesting"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            disable=quiet,
            transient=True,
        ) as progress:
            task = progress.add_task("ingest", total=None)
            summary = ingest(
                engine,
                list(paths),
                on_total=lambda n: progress.update(task, total=n),
                progress=advance,
                jobs=jobs or os.cpu_count() or 1,
                shard=shard,
            )
            if trust:
                store_trust(engine)
    except KeyboardInterrupt:
        # each document is committed whole, so the same command later completes the rest
        err.print(f"interrupted: {stored} documents stored, run the same command again to continue")
        ctx.exit(130)
    for f in summary.failures:
        err.print(f"error: {safe(f.error)}")
    for w in summary.warnings:
        err.print(f"warning: {safe(w.warning)}")
    _say_skipped(list(paths), list_skipped)
    err.print(
        f"documents: {summary.count('new')} new, {summary.count('unchanged')} unchanged, "
        f"{summary.count('updated')} updated, {summary.count('failed')} failed; "
        f"claims: {summary.claims}"
    )
    if summary.failures:
        ctx.exit(1)


def _shard_option(value: str | None) -> Shard | None:
    if value is None:
        return None
    from claimcheck.pipeline.planning import parse_shard

    try:
        return parse_shard(value)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--shard") from None


def _say_skipped(paths: list[str], every: bool) -> None:
    """Name the files in the folders among `paths` passed over for their kind (".html" files
    in an archive folder: said, or they vanish without a word), with a count by kind."""
    from claimcheck.read import SUFFIXES, passed_over, path_text

    kinds: dict[str, int] = {}
    names: list[str] = []
    for path in passed_over(paths):
        suffix = path.suffix.lower() or "(no suffix)"
        kinds[suffix] = kinds.get(suffix, 0) + 1
        if every or len(names) < SKIPPED_SHOWN:
            names.append(path_text(path))
    if not kinds:
        return
    err = err_console()
    counts = ", ".join(f"{n} {safe(suffix)}" for suffix, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))
    err.print(f"skipped: {counts} (claimcheck reads {', '.join(sorted(SUFFIXES))} files):")
    for name in names:
        err.print(f"  {safe(name)}")
    if (more := sum(kinds.values()) - len(names)) > 0:
        err.print(f"  ... and {more} more (--list-skipped names them all)")


# -- listings --------------------------------------------------------------------------
@main.group("sources", invoke_without_command=True, short_help="List ingested documents; set metadata or remove files.")
@format_option()
@click.pass_context
def sources_cmd(ctx: click.Context, fmt: str) -> None:
    """List ingested documents, set their metadata (`sources set`), or forget files (`sources remove`)."""
    if ctx.invoked_subcommand is not None:
        return
    with cli_database.session(ctx) as s:
        if fmt != "table":
            report.write(*report.export_rows(s, "sources", fmt), fmt, sys.stdout)
            return
        rows = list(report.source_rows(s, text=False))
        names = {r["source_id"]: r["source"] for r in rows}
        copies = sum(r["copy_of"] is not None for r in rows)
        out_console().print(
            table(
                f"{len(rows)} sources" + (f" ({copies} near-copies, each counted with its original)" if copies else ""),
                ["id", "source", "title", "published", "how", "claims", "copy of"],
                [
                    (
                        r["source_id"],
                        r["source"],
                        r["title"] or "",
                        r["published"] or "",
                        r["published_how"],
                        r["claims"],
                        "" if r["copy_of"] is None else f"{r['copy_of']} {names.get(r['copy_of'], '')}".strip(),
                    )
                    for r in rows
                ],
                source={"max_width": 24, "overflow": "ellipsis", "no_wrap": True},
            )
        )


def _date_option(value: str | None) -> str | None:
    if value is None:
        return None
    from claimcheck.normalize.time import stated_date

    parsed = stated_date(value)
    if parsed is None:
        raise click.BadParameter(f"cannot read {value!r} as a date; write it as YYYY-MM-DD", param_hint="--published")
    return parsed


@sources_cmd.command("set", short_help="Set a file's metadata, kept for every later ingest.")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--published", help="Publication date (YYYY-MM-DD, YYYY-MM or YYYY).")
@click.option("--title")
@click.option("--url")
@click.option("--publisher")
@click.option("--author")
@click.pass_context
def sources_set_cmd(
    ctx: click.Context,
    file: str,
    published: str | None,
    title: str | None,
    url: str | None,
    publisher: str | None,
    author: str | None,
) -> None:
    """Set a file's metadata; kept for every later ingest. Re-reads the file if it exists."""
    fields = {
        "published": _date_option(published),
        "title": title,
        "url": url,
        "publisher": publisher,
        "author": author,
    }
    if not any(fields.values()):
        raise click.UsageError("give at least one of --published, --title, --url, --publisher, --author")
    from claimcheck.pipeline import set_source_metadata

    summary = set_source_metadata(cli_database.engine(ctx, write=True), file, fields)
    read = f"{summary.count('new')} new, {summary.count('updated')} updated" if summary else ""
    err_console().print(
        f"metadata set for {file}"
        + (
            f"; re-read: {read}, {summary.claims} claims"
            if summary
            else " (not ingested yet: it applies when you ingest it)"
        )
    )
    if summary and summary.failures:  # kept for later ingests; but the file itself could not be read
        raise click.ClickException("; ".join(f.error or f.path for f in summary.failures))


@sources_cmd.command("remove", short_help="Forget ingested files, or every file under a folder.")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.pass_context
def sources_remove_cmd(ctx: click.Context, paths: tuple[str, ...]) -> None:
    """Forget files, or every file under a folder, that were ingested (deleted from disk or
    not). Their documents and claims are deleted unless another file holds the same content,
    and the groups they were in are compared again."""
    from claimcheck.pipeline import forget

    done = forget(cli_database.engine(ctx, write=True), list(paths))
    kept = done.files - done.sources
    err_console().print(
        Text(
            f"removed {done.files} file{'s' if done.files != 1 else ''}: {done.sources} documents and "
            f"{done.claims} claims deleted" + (f" ({kept} kept: other files hold the same content)" if kept > 0 else "")
        )
    )
    if done.unknown:
        shown = ", ".join(safe(u) for u in done.unknown)
        raise click.ClickException(f"no ingested file at {shown}; `claimcheck sources` lists them")


@main.command("claims", short_help="List claims, optionally filtered.")
@click.option("--subject", help="Only claims whose subject contains this text.")
@click.option("--metric", help="Only claims whose metric contains this text.")
@click.option("--source", help="Only claims from sources whose file name contains this text.")
@click.option("--limit", type=AtLeast(0), default=0, help="Only the first this many claims, by id (0: all).")
@format_option()
@click.pass_context
def claims_cmd(
    ctx: click.Context, subject: str | None, metric: str | None, source: str | None, limit: int, fmt: str
) -> None:
    """List claims, optionally filtered."""
    with cli_database.session(ctx) as s:
        rows = report.claim_rows(s, limit=limit or None, subject=subject, metric=metric, source=source)
        if fmt != "table":
            report.write(rows, report.CLAIM_COLUMNS, fmt, sys.stdout)
            return
        rows = list(rows)
    out = out_console()
    narrow = out.width < 120
    names = short_names(sorted({r["source"] for r in rows}), 14 if narrow else 32)
    out.print(
        table(
            f"{len(rows)} claims",
            ["id", "source", "subject", "measure", "value", "period", "in context"],
            [
                (
                    r["claim_id"],
                    names[r["source"]],
                    r["subject"] or "",
                    r["metric"] + (f" · {r['object']}" if r["object"] else ""),
                    value_text(r),
                    period_text(r),
                    snippet(r["quote"], *r["figure_at"], width=20 if narrow else 30),
                )
                for r in rows
            ],
            source={"no_wrap": True, "overflow": "ellipsis"},
            measure={"max_width": 40},
            **{"in context": {"ratio": 1}},
        )
    )
    print_legend(out, names)


# -- extraction without a database -----------------------------------------------------
def _read_input(file: str) -> tuple[str, str]:
    """Text of FILE, or of stdin for '-'; read errors reach the user as ClaimcheckError."""
    from claimcheck.model import RawDocument
    from claimcheck.read import decoded, read

    if file == "-":  # bytes, decoded as a file's are: damaged UTF-8 gets the same repair
        data = sys.stdin.buffer.read()
        if not data.strip():
            return data.decode("utf-8", errors="replace"), "-"  # nothing to read is no error here
        raw = RawDocument(path="-", name="-", data=data)
    else:
        raw = read(Path(file))
    text = decoded(raw)
    if warning := text.warning(raw.path):
        err_console().print(f"warning: {safe(warning)}")
    return text.text, raw.name


@main.command("extract", short_help="Extract claims from a file as JSON lines; no database.")
@click.argument("file", default="-")
def extract_cmd(file: str) -> None:
    """Extract claims from FILE (or - for stdin) as JSON lines; no database."""
    from claimcheck.pipeline import Extractor

    text, name = _read_input(file)
    doc, claims = Extractor().text_claims(text, name)
    for c in claims:
        row = {k: v for k, v in c.__dict__.items()}
        row["source"] = name
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


@main.command("quantities", short_help="Every quantity in a file: value, unit and offsets.")
@click.argument("file", default="-")
@click.option("--lines", is_flag=True, help="Treat each input line as a separate text.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json"]), default="jsonl", show_default=True)
def quantities_cmd(file: str, lines: bool, fmt: str) -> None:
    """Every quantity in FILE (or - for stdin): value, unit, surface, offsets, change."""
    from claimcheck.extract.quantities import extract_quantities
    from claimcheck.pipeline import Extractor

    text, _ = _read_input(file)
    ex = Extractor()
    texts = text.split("\n") if lines else [text]
    if lines and texts and texts[-1] == "":
        texts.pop()
    results = []
    for n, t in enumerate(texts, start=1):
        qs = [
            {
                "value": q.value,
                "low": q.low,
                "high": q.high,
                "unit": q.unit,
                "surface": q.surface,
                "start": q.start,
                "end": q.end,
                "change": q.change,
            }
            for q in extract_quantities(t, ex.lex)
        ]
        results.append({"line": n, "quantities": qs} if lines else {"quantities": qs})
    if fmt == "json":
        sys.stdout.write(json.dumps(results if lines else results[0], ensure_ascii=False, indent=1) + "\n")
    else:
        for r in results:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")


from claimcheck import cli_entities, cli_groups, cli_share, cli_verdicts  # noqa: E402  (commands in their own modules)

for module in (cli_entities, cli_groups, cli_share, cli_verdicts):
    module.register(main)

if __name__ == "__main__":  # pragma: no cover
    main()
