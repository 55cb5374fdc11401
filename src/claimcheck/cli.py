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
    SQL_INT_MAX,
    err_console,
    figure,
    fmt_number,
    highlight,
    out_console,
    output_file,
    row_id,
    safe,
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
@main.command("ingest")
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
    type=click.IntRange(min=1, max=SQL_INT_MAX),
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
@main.group("sources", invoke_without_command=True)
@_format_option()
@click.pass_context
def sources_cmd(ctx: click.Context, fmt: str) -> None:
    """List ingested documents, set their metadata (`sources set`), or forget files (`sources remove`)."""
    if ctx.invoked_subcommand is not None:
        return
    with cli_database.session(ctx) as s:
        if fmt != "table":
            cols = report.SOURCE_COLUMNS if fmt != "csv" else [c for c in report.SOURCE_COLUMNS if c != "text"]
            report.write(report.source_rows(s, text=fmt != "csv"), cols, fmt, sys.stdout)
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


@sources_cmd.command("set")
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


@sources_cmd.command("remove")
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


@main.command("claims")
@click.option("--subject", help="Only claims whose subject contains this text.")
@click.option("--metric", help="Only claims whose metric contains this text.")
@click.option("--source", help="Only claims from sources whose file name contains this text.")
@_format_option()
@click.pass_context
def claims_cmd(ctx: click.Context, subject: str | None, metric: str | None, source: str | None, fmt: str) -> None:
    """List claims, optionally filtered."""
    with cli_database.session(ctx) as s:
        rows = report.claim_rows(s, subject=subject, metric=metric, source=source)
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


@main.command("conflicts")
@click.option("--all", "all_", is_flag=True, help="Show every group, not only conflicts.")
@click.option(
    "--status",
    multiple=True,
    type=click.Choice(["conflict", "trend", "agree", "single"]),
    help="Show groups with this status (repeatable).",
)
@click.option(
    "--limit",
    type=click.IntRange(min=0, max=SQL_INT_MAX),
    default=20,
    show_default=True,
    help="Table output: show this many groups (0: all). Other formats give every group.",
)
@click.option(
    "--per-side",
    type=click.IntRange(min=0, max=SQL_INT_MAX),
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
    ctx: click.Context, all_: bool, status: tuple[str, ...], limit: int, per_side: int, confident: bool, fmt: str
) -> None:
    """Groups of claims about the same thing, whether their sources agree, and why."""
    statuses = list(status) or (None if all_ else ["conflict"])
    if fmt != "table":
        with cli_database.session(ctx) as s:
            report.write(report.group_rows(s, statuses, confident), report.CONFLICT_COLUMNS, fmt, sys.stdout)
        return
    from claimcheck.db import reads

    # the first `limit` groups, then only their claims: the cost does not grow with the
    # database; plain SQL through sqlite3 when the file is current, else through SQLAlchemy
    db = ctx.find_object(dict).get("db")
    data = reads.sqlite_conflict_table(db, statuses, limit or None, per_side, confident)
    if data is None:
        with cli_database.session(ctx) as s:
            data = reads.conflict_table(reads.sqlalchemy_run(s), statuses, limit or None, per_side, confident)
    by_group = {gid: list(report.member_rows(members)) for gid, members in data.groups.items() if members}
    out = out_console()
    if not by_group:
        what = (" in conflict" if statuses == ["conflict"] else "") + (" that are confident" if confident else "")
        if not all_:
            err_console().print(f"no groups{what}; try --all")
        else:
            err_console().print("no confident groups" if confident else "no groups; ingest documents first")
        return
    advice = data.support
    shown = {gid: _per_side(members, data.side_sizes) for gid, members in by_group.items()}
    # a narrow terminal keeps the quote readable: publication date and (when no claim shown
    # has one) the review column go, and the cells around the quote do not wrap
    narrow = out.width < 120
    columns = ["claim", "side", "value", "period", "source", "published", "review", "in context"]
    if narrow:
        columns.remove("published")
        if not data.ratings:
            columns.remove("review")
        if out.width < 100:
            columns.remove("source")  # `claimcheck show ID` names it
    for gid, members in by_group.items():
        g = members[0]
        title = f"group {gid} · {g['status'].upper()} · {g['subject'] or '?'} · {g['metric']}" + (
            f" · {g['object']}" if g["object"] else ""
        )
        out.print(Text(safe(title), style="bold"))
        out.print(Text(f"why: {safe(g['group_reason'])}", style="dim"))
        rows: list[tuple[Any, ...]] = []
        for r, more in shown[gid]:
            cells = {
                "claim": r["claim_id"],
                "side": _side(r, advice),
                "value": _value_text(r),
                "period": _period(r),
                "source": r["source"],
                "published": r["source_published"] or "unknown",
                "review": data.ratings.get(r["claim_id"], ""),
                "in context": snippet(r["quote"], *r["figure_at"]),
            }
            rows.append(tuple(cells[c] for c in columns))
            if more:
                extra = {
                    "claim": "…",
                    "side": _side(r, advice),
                    "in context": f"{more} more on this side: claimcheck show g{gid}",
                }
                rows.append(tuple(extra.get(c, "") for c in columns))
        tight = {"no_wrap": True, "overflow": "ellipsis"} if narrow else {}
        out.print(
            table(
                None,
                columns,
                rows,
                source={"max_width": 12 if narrow else 18, "overflow": "ellipsis", "no_wrap": True},
                review={"no_wrap": True},
                claim=tight,
                side=tight,
                value=tight,
                period=tight,
                **{"in context": {"min_width": 24} if narrow else {}},
            )
        )
    note = "; side support in brackets is TruthFinder advice (claimcheck trust), not a verdict" if advice else ""
    err_console().print(f"{len(by_group)} group{'s' if len(by_group) != 1 else ''} shown{note}")
    if data.not_shown:
        err_console().print(f"{data.not_shown} more not shown: --limit 0 shows all, --format csv exports them")


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


@main.command("show")
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


@main.command("extract")
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


@main.command("quantities")
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
@main.group("entities", invoke_without_command=True)
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


@entities_cmd.command("merge")
@click.argument("keep")
@click.argument("other")
@click.pass_context
def entities_merge_cmd(ctx: click.Context, keep: str, other: str) -> None:
    """Merge OTHER into KEEP (names or spellings); remembered for later ingests."""
    from claimcheck.pipeline import correct_entities
    from claimcheck.pipeline import people as entities

    correct_entities(cli_database.engine(ctx, write=True), entities.merge, keep, other)
    err_console().print(f"merged {other} into {keep}")


@entities_cmd.command("split")
@click.argument("entity")
@click.argument("spelling")
@click.pass_context
def entities_split_cmd(ctx: click.Context, entity: str, spelling: str) -> None:
    """Make SPELLING its own entity, never merged into ENTITY again."""
    from claimcheck.pipeline import correct_entities
    from claimcheck.pipeline import people as entities

    correct_entities(cli_database.engine(ctx, write=True), entities.split, entity, spelling)
    err_console().print(f"split {spelling} from {entity}")


# -- export ----------------------------------------------------------------------------
@main.command("export")
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
@click.pass_context
def export_cmd(
    ctx: click.Context, what: str, fmt: str, output: str | None, status: tuple[str, ...], confident: bool
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
    with cli_database.session(ctx) as s, output_file(output, database_file(ctx.find_object(dict).get("db"))) as out:
        if what == "claims":
            n = report.write(report.claim_rows(s), report.CLAIM_COLUMNS, fmt, out)
        elif what == "conflicts":
            n = report.write(report.group_rows(s, list(status) or None, confident), report.CONFLICT_COLUMNS, fmt, out)
        else:
            n = report.write(report.source_rows(s), report.SOURCE_COLUMNS, fmt, out)
    if output and output != "-":
        err_console().print(f"wrote {n} rows to {output}")


from claimcheck.cli_verdicts import register  # noqa: E402  (verdict commands: review, check, search, ...)

register(main)

if __name__ == "__main__":  # pragma: no cover
    main()
