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
from claimcheck.console import (
    AtLeast,
    err_console,
    figure,
    fmt_number,
    highlight,
    out_console,
    output_file,
    row_id,
    safe,
    short_names,
    snippet,
    table,
)
from claimcheck.db.engine import ENV_VAR, database_file, database_url
from claimcheck.errors import ClaimcheckError, NotFoundError, database_failure, reason_of

if TYPE_CHECKING:
    from claimcheck.pipeline import DocResult

# SQLAlchemy, extraction, the verdict layer and rich's progress bars are imported by the
# commands that use them: `conflicts` on a current SQLite file imports none of them
# (db/reads.py) and starts in a fraction of the time.

FORMATS = ["table", "csv", "json", "jsonl"]


class _Group(click.Group):
    """Turns library errors into one-line messages with exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ClaimcheckError as e:
            raise click.ClickException(str(e)) from None
        except Exception as e:
            message = _database_failure(e, _database_name(ctx))
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


def _database_name(ctx: click.Context) -> str:
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


def _format_option(default: str = "table"):  # type: ignore[no-untyped-def]
    return click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default=default, show_default=True, help="Output format."
    )


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
@click.pass_context
def ingest_cmd(ctx: click.Context, paths: tuple[str, ...], quiet: bool, list_skipped: bool, jobs: int | None) -> None:
    """Read documents (files or folders, recursively) and store their claims."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from claimcheck.pipeline import ingest

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
            )
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
@_format_option()
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
        out_console().print(
            table(
                f"{len(rows)} sources",
                ["id", "source", "title", "published", "how", "claims"],
                [
                    (
                        r["source_id"],
                        r["source"],
                        r["title"] or "",
                        r["published"] or "",
                        r["published_how"],
                        r["claims"],
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
@_format_option()
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
        out_console().print(
            table(
                f"{len(rows)} claims",
                ["id", "source", "subject", "metric", "object", "value", "period", "in context"],
                [
                    (
                        r["claim_id"],
                        r["source"],
                        r["subject"] or "",
                        r["metric"],
                        r["object"] or "",
                        _value_text(r),
                        _period(r),
                        snippet(r["quote"], *r["figure_at"], width=30),
                    )
                    for r in rows
                ],
                source={"max_width": 18, "overflow": "ellipsis", "no_wrap": True},
                metric={"max_width": 40},
            )
        )


def _value_text(r: dict[str, Any]) -> str:
    return figure(r.get("value"), r.get("unit"), r.get("qualifier"), r.get("low"), r.get("high"), r.get("value_text"))


def _period(r: dict[str, Any]) -> str:
    a, b = r.get("period_start"), r.get("period_end")
    if not a and not b:
        return "no period"
    if a == b or not b:
        return f"{a}" + ("" if b else "-")
    return f"{a or ''}-{b}"


@main.command("conflicts", short_help="Groups of claims on the same thing, and whether they agree.")
@click.option("--all", "all_", is_flag=True, help="Show every group, not only conflicts.")
@click.option(
    "--status",
    multiple=True,
    type=click.Choice(["conflict", "trend", "agree", "single"]),
    help="Show groups with this status (repeatable).",
)
@click.option(
    "--cross-source", is_flag=True, help="Only groups that two or more sources speak to (same as --min-sources 2)."
)
@click.option(
    "--min-sources",
    type=AtLeast(1),
    default=1,
    show_default=True,
    help="Only groups that at least this many sources speak to.",
)
@click.option(
    "--limit",
    type=AtLeast(0),
    default=20,
    show_default=True,
    help="Table output: show this many groups (0: all). Other formats give every group.",
)
@click.option(
    "--per-side",
    type=AtLeast(0),
    default=5,
    show_default=True,
    help="Table output: claims shown per side of a group (0: all); `show gID` lists every claim.",
)
@click.option(
    "--confident",
    is_flag=True,
    help="Only groups whose claims meet other documents' claims by their identity: none that meets only "
    "its sentence restated word for word, no subject guessed.",
)
@_format_option()
@click.pass_context
def conflicts_cmd(
    ctx: click.Context,
    all_: bool,
    status: tuple[str, ...],
    cross_source: bool,
    min_sources: int,
    limit: int,
    per_side: int,
    confident: bool,
    fmt: str,
) -> None:
    """Groups of claims about the same thing, whether their sources agree, and why.

    Conflicts come first, then the groups most sources speak to and those whose values differ
    most; the order is the same on SQLite and PostgreSQL."""
    query = report.GroupQuery(
        statuses=list(status) or (None if all_ else ["conflict"]),
        confident=confident,
        min_sources=max(min_sources, 2 if cross_source else 1),
        limit=limit or None,
        per_side=per_side,
    )
    if fmt != "table":
        with cli_database.session(ctx) as s:
            report.write(
                report.group_rows(s, query.statuses, confident, query.min_sources),
                report.CONFLICT_COLUMNS,
                fmt,
                sys.stdout,
            )
        return
    # the first `limit` groups, then only their claims: the cost does not grow with the database
    db = ctx.find_object(dict).get("db")
    data = report.conflict_table(db, lambda: cli_database.session(ctx), query)
    by_group = {gid: list(report.member_rows(members)) for gid, members in data.groups.items() if members}
    if not by_group:
        _say_no_groups(query, all_)
        return
    out = out_console()
    names = short_names(
        sorted({r["source"] for rows in by_group.values() for r in rows}), 14 if out.width < 120 else 32
    )
    columns = _conflict_columns(out.width, bool(data.ratings))
    for gid, members in by_group.items():
        _print_group(out, gid, members, _per_side(members, data.side_sizes), data, columns, names)
    legend = {short: full for full, short in names.items() if short != full}
    if legend:  # the short names the source column used, with the files they stand for
        out.print(Text("sources:", style="dim"))
        for short, full in sorted(legend.items()):
            out.print(Text(f"  {short}  {safe(full)}", style="dim"), soft_wrap=True)  # a name is not broken
    note = "; side support in brackets is TruthFinder advice (claimcheck trust), not a verdict" if data.support else ""
    err_console().print(f"{len(by_group)} group{'s' if len(by_group) != 1 else ''} shown{note}")
    if data.not_shown:
        err_console().print(f"{data.not_shown} more not shown: --limit 0 shows all, --format csv exports them")


def _say_no_groups(query: report.GroupQuery, all_: bool) -> None:
    what = (" in conflict" if query.statuses == ["conflict"] else "") + (
        " that are confident" if query.confident else ""
    )
    what += f" that {query.min_sources} sources speak to" if query.min_sources > 1 else ""
    if not all_:
        err_console().print(f"no groups{what}; try --all")
    else:
        err_console().print(f"no groups{what}" if what else "no groups; ingest documents first")


def _conflict_columns(width: int, reviews: bool) -> list[str]:
    """The table's columns for a terminal `width`: source, value, period and the quote always;
    claim ids, publication dates and (when no claim shown has one) reviews as room allows."""
    columns = ["claim", "side", "value", "period", "source", "published", "review", "in context"]
    if width < 120:
        columns.remove("published")
        if not reviews:
            columns.remove("review")
    if width < 100:
        columns.remove("claim")  # `claimcheck show gID` lists them
    return columns


def _print_group(
    out: Any,
    gid: int,
    members: list[dict[str, Any]],
    shown: list[tuple[dict[str, Any], int]],
    data: Any,
    columns: list[str],
    names: dict[str, str],
) -> None:
    """One group: its title, why its claims are together, and a row per claim shown."""
    g = members[0]
    title = f"group {gid} · {g['status'].upper()} · {g['subject'] or '?'} · {g['metric']}" + (
        f" · {g['object']}" if g["object"] else ""
    )
    out.print(Text(safe(title), style="bold"))
    out.print(Text(f"why: {safe(g['group_reason'])}", style="dim"))
    narrow = out.width < 120
    rows: list[tuple[Any, ...]] = []
    for r, more in shown:
        cells = {
            "claim": r["claim_id"],
            "side": _side(r, data.support),
            "value": _value_text(r),
            "period": _period(r),
            "source": names.get(r["source"], r["source"]),
            "published": r["source_published"] or "unknown",
            "review": data.ratings.get(r["claim_id"], ""),
            "in context": snippet(r["quote"], *r["figure_at"], width=20 if narrow else 40),
        }
        rows.append(tuple(cells[c] for c in columns))
        if more:
            extra = {"side": _side(r, data.support), "in context": f"{more} more on this side: claimcheck show g{gid}"}
            rows.append(tuple(extra.get(c, "") for c in columns))
    tight = {"no_wrap": True, "overflow": "ellipsis"} if narrow else {}
    out.print(
        table(
            None,
            columns,
            rows,
            source={"no_wrap": True, "overflow": "ellipsis"},
            review={"no_wrap": True},
            claim=tight,
            side=tight,
            value={"max_width": 16},
            period=tight,
            **{"in context": {"min_width": 20, "ratio": 1}},
        )
    )


def _per_side(members: list[dict[str, Any]], sizes: dict[tuple[int, Any], int]) -> list[tuple[dict[str, Any], int]]:
    """The claims read for each side, each with how many of its side were left out after it
    (non-zero only on the last one shown)."""
    sides: dict[Any, list[dict[str, Any]]] = {}
    for r in members:
        sides.setdefault(r["value_cluster"], []).append(r)
    out: list[tuple[dict[str, Any], int]] = []
    for cluster, side in sides.items():
        left = sizes.get((side[0]["group_id"], cluster), len(side)) - len(side)
        out.extend((r, left if i == len(side) - 1 else 0) for i, r in enumerate(side))
    return out


def _side(r: dict[str, Any], advice: dict[tuple[int, int], float]) -> str:
    """The side (value cluster) and, for conflicts, how well trusted sources support it."""
    support = advice.get((r["group_id"], r["value_cluster"]))
    return f"{r['value_cluster']}" + (f" ({support:.2f})" if support is not None and r["status"] == "conflict" else "")


@main.command("show", short_help="Show a claim or a group with its quote and provenance.")
@click.argument("ident")
@click.option("--group", "is_group", is_flag=True, help="IDENT is a group id (or write it as g12).")
@click.pass_context
def show_cmd(ctx: click.Context, ident: str, is_group: bool) -> None:
    """Show a claim (ID) or a group (gID) with its quote and provenance."""
    raw = ident.strip().lower()
    if raw.startswith("g"):
        is_group, raw = True, raw[1:]
    elif raw.startswith("c"):
        raw = raw[1:]
    number = row_id(raw)
    if number is None:
        raise click.BadParameter("give a claim id like 12, or a group id like g3", param_hint="IDENT")
    from sqlalchemy import select

    from claimcheck.compare import reasons
    from claimcheck.db.models import Claim as ClaimRow
    from claimcheck.db.models import ClaimGroup

    out = out_console()
    with cli_database.session(ctx) as s:
        if is_group:
            g = s.get(ClaimGroup, number)
            if g is None:
                raise NotFoundError(f"no group {raw}; `claimcheck conflicts --all` lists them")
            out.print(
                Text(
                    f"group {g.id}: {g.status} · {safe(g.subject)} · {safe(g.metric)}"
                    + (f" · {safe(g.object)}" if g.object else "")
                )
            )
            claims = s.scalars(
                select(ClaimRow).where(ClaimRow.group_id == g.id).order_by(ClaimRow.value_cluster, ClaimRow.id)
            ).all()
            out.print(
                Text(f"why: {safe(reasons.group_reason(g.status, [report.fact_of(c, c.source.name) for c in claims]))}")
            )
        else:
            c = s.get(ClaimRow, number)
            if c is None:
                raise NotFoundError(f"no claim {raw}; `claimcheck claims` lists them")
            claims = [c]
        for c in claims:
            src = c.source
            out.print(Text(f"\nclaim {c.id} ({c.kind}) · side {c.value_cluster} · group {c.group_id}"))
            out.print(highlight(c.quote, c.surface_start - c.char_start, c.surface_end - c.char_start))
            r = report.claim_row(c, None, src)
            out.print(
                Text(
                    f"  value: {safe(_value_text(r))} (stated: {safe(c.surface)})  interval: "
                    f"[{fmt_number(r['low'])}, {fmt_number(r['high'])}]\n"
                    f"  subject: {safe(c.subject)} · metric: {safe(c.metric)} · object: {safe(c.object)}\n"
                    f"  period: {_period(r)}  attributed to: {safe(c.attributed_to) or '-'}\n"
                    f"  source: {safe(src.name)} ({safe(src.title) or 'untitled'}), published "
                    f"{src.published or 'unknown'} ({src.published_how})\n"
                    f"  offsets: quote {c.char_start}-{c.char_end}, figure {c.surface_start}-{c.surface_end}\n"
                    f"  in its group: {safe(r['reason'])}"
                )
            )


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


# -- entities --------------------------------------------------------------------------
@main.group("entities", invoke_without_command=True, short_help="List entities and spellings; merge or split them.")
@_format_option()
@click.pass_context
def entities_cmd(ctx: click.Context, fmt: str) -> None:
    """List entities, their spellings and how each was merged; `merge` and `split` correct them."""
    if ctx.invoked_subcommand is not None:
        return
    from claimcheck.db import entities

    with cli_database.session(ctx) as s:
        rows = entities.list_entities(s)
    if fmt == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        return
    flat = [{"entity": r["entity"], "kind": r["kind"], "claims": r["claims"], **a} for r in rows for a in r["aliases"]]
    if fmt != "table":
        report.write(flat, ["entity", "kind", "claims", "alias", "how", "reason", "score"], fmt, sys.stdout)
        return
    out_console().print(
        table(
            f"{len(rows)} entities",
            ["entity", "kind", "claims", "spelling", "how", "why"],
            [
                (
                    f["entity"],
                    f["kind"],
                    f["claims"],
                    f["alias"],
                    f["how"],
                    f["reason"] or "",
                )
                for f in flat
            ],
        )
    )


@entities_cmd.command("merge", short_help="Merge OTHER into KEEP; remembered for later ingests.")
@click.argument("keep")
@click.argument("other")
@click.pass_context
def entities_merge_cmd(ctx: click.Context, keep: str, other: str) -> None:
    """Merge OTHER into KEEP (names or spellings); remembered for later ingests."""
    from claimcheck.db import entities
    from claimcheck.pipeline import correct_entities

    correct_entities(cli_database.engine(ctx, write=True), entities.merge, keep, other)
    err_console().print(f"merged {other} into {keep}")


@entities_cmd.command("split", short_help="Make SPELLING its own entity, never merged again.")
@click.argument("entity")
@click.argument("spelling")
@click.pass_context
def entities_split_cmd(ctx: click.Context, entity: str, spelling: str) -> None:
    """Make SPELLING its own entity, never merged into ENTITY again."""
    from claimcheck.db import entities
    from claimcheck.pipeline import correct_entities

    correct_entities(cli_database.engine(ctx, write=True), entities.split, entity, spelling)
    err_console().print(f"split {spelling} from {entity}")


# -- export ----------------------------------------------------------------------------
@main.command("export", short_help="Export claims, groups, sources or reviews to a file.")
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


@main.command("report", short_help="Write a shareable HTML page of conflicts and agreements.")
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
        title=title, database=_database_name(ctx), generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    )
    with cli_database.session(ctx) as s:
        page = report_html.page(report.groups(s, query), info)
    with output_file(output, database_file(ctx.find_object(dict).get("db"))) as out:
        out.write(page)
    if output and output != "-":
        err_console().print(f"wrote {output}")


@main.command("serve", short_help="Browse and search the database in Datasette (an extra).")
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


@main.group("db", short_help="Where the database is.")
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
    name = _database_name(ctx)
    path = database_file(ctx.find_object(dict).get("db"))
    click.echo(str(path.resolve()) if path is not None else name)
    if path is None:
        state = "a database server"
    elif path.is_file():
        state = "exists"
    else:
        state = "does not exist yet: `claimcheck ingest` creates it"
    err_console().print(Text(f"from {chosen}; {state}"))


from claimcheck.cli_verdicts import register  # noqa: E402  (verdict commands: review, check, search, ...)

register(main)

if __name__ == "__main__":  # pragma: no cover
    main()
