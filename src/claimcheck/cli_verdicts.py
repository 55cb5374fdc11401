"""Commands for verdicts: review, reviews, references, check, trust, export-reviews, search, timeline.

Thin like cli.py: parse options, call `claimcheck.verdicts`, render. Data to stdout, talk to
stderr. `register(main)` adds the commands to the main group; it does not import
claimcheck.cli, so the call can sit anywhere after `main` is defined.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from typing import Any

import click
from rich.text import Text

from claimcheck import cli_database, render_timeline, report, verdicts
from claimcheck.cli_common import format_option
from claimcheck.console import (
    AtLeast,
    err_console,
    figure,
    out_console,
    output_file,
    row_id,
    safe,
    snippet,
    table,
)
from claimcheck.db.engine import database_file
from claimcheck.verdicts.references import CHECK_COLUMNS, RESULTS
from claimcheck.verdicts.reviews import REVIEW_COLUMNS

REFERENCE_COLUMNS = [
    "dataset",
    "line",
    "subject",
    "metric",
    "object",
    "value",
    "value_text",
    "unit",
    "qualifier",
    "low",
    "high",
    "period",
    "source_name",
    "source_url",
    "note",
]
TRUST_COLUMNS = ["source_id", "source", "trust", "sides", "groups"]


def _value(value: float | None, qualifier: str | None, unit: str | None, value_text: str | None = None) -> str:
    return figure(value, unit, qualifier, value_text=value_text)


def _period(start: str | None, end: str | None) -> str:
    if not start and not end:
        return "no period"
    if start == end or not end:
        return f"{start}" + ("" if end else "-")
    return f"{start or ''}-{end}"


def _group_id(raw: str) -> int:
    number = row_id(raw.strip().lower().removeprefix("g"))
    if number is None:
        raise click.BadParameter("give a group id like 3 or g3", param_hint="GROUP_ID")
    return number


# -- reviews ---------------------------------------------------------------------------
@click.command("review", short_help="Record a verdict on a claim.")
@click.argument("claim_id", type=AtLeast(1))
@click.option("--rating", required=True, type=click.Choice(verdicts.RATINGS, case_sensitive=False), help="The verdict.")
@click.option("--note", required=True, help="Why: what you checked and what you found.")
@click.option("--reviewer", metavar="NAME", help="Who reviewed it (ClaimReview author; default the organization).")
@click.pass_context
def review_cmd(ctx: click.Context, claim_id: int, rating: str, note: str, reviewer: str | None) -> None:
    """Record a verdict on a claim (kept across re-ingestion: keyed to the claim's content)."""
    with cli_database.session(ctx, write=True) as s, s.begin():
        r = verdicts.add_review(s, claim_id, rating, note, reviewer)
    err_console().print(
        Text(
            f"review {r.review_id}: claim {claim_id} rated {r.rating}"
            + (f" by {safe(r.reviewer)}" if r.reviewer else "")
        )
    )


@click.command("reviews", short_help="List reviews with their current claim id.")
@click.option("--claim", "claim_id", type=AtLeast(1), help="Only reviews of this claim.")
@click.option("--orphaned", is_flag=True, help="Only reviews whose claim no longer exists.")
@format_option()
@click.pass_context
def reviews_cmd(ctx: click.Context, claim_id: int | None, orphaned: bool, fmt: str) -> None:
    """List reviews with their current claim id ("orphaned" when no current claim matches)."""
    with cli_database.session(ctx) as s:
        rows = verdicts.list_reviews(s, claim_id=claim_id, orphaned=True if orphaned else None)
    if fmt != "table":
        report.write((r.as_row() for r in rows), REVIEW_COLUMNS, fmt, sys.stdout)
        return
    if not rows:
        err_console().print("no reviews; add one with `claimcheck review CLAIM_ID --rating ... --note ...`")
        return
    out = out_console()
    for r in rows:
        claim = "claim " + ", ".join(map(str, r.claim_ids)) if r.claim_ids else "orphaned"
        who = f" by {r.reviewer}" if r.reviewer else ""
        when = f"{r.reviewed_at:%Y-%m-%d %H:%M} UTC"
        head = f"review {r.review_id} · {claim} · {r.rating} · {r.surface} ({r.source}) · {when}{who}"
        out.print(Text(safe(head)), soft_wrap=True)
        out.print(Text("    " + safe(" ".join(r.note.split()))), soft_wrap=True)
    n_orphaned = sum(r.orphaned for r in rows)
    if n_orphaned:
        err_console().print(f"{n_orphaned} orphaned: their source changed or was removed since the review")


@click.command("export-reviews", short_help="Export each reviewed claim's verdict as ClaimReview.")
@click.option(
    "--format", "fmt", type=click.Choice(["claimreview"]), default="claimreview", show_default=True, help="Format."
)
@click.option("--output", "-o", metavar="FILE", help="Write here instead of stdout.")
@click.option("--include-orphaned", is_flag=True, help="Also export reviews whose claim no longer exists.")
@click.option(
    "--organization", default="claimcheck", show_default=True, help="Author of reviews that name no reviewer."
)
@click.pass_context
def export_reviews_cmd(
    ctx: click.Context, fmt: str, output: str | None, include_orphaned: bool, organization: str
) -> None:
    """Export the current verdict per reviewed claim as schema.org ClaimReview JSON-LD."""
    with cli_database.session(ctx) as s:
        items = verdicts.latest_reviews(s, include_orphaned=include_orphaned)
        skipped = 0 if include_orphaned else len({r.claim_key for r in verdicts.list_reviews(s, orphaned=True)})
    docs = verdicts.claim_reviews(items, organization)
    with output_file(output, database_file(ctx.find_object(dict).get("db"))) as out:
        out.write(json.dumps(docs, ensure_ascii=False, indent=2) + "\n")
    err = err_console()
    if output and output != "-":
        err.print(Text(f"wrote {len(docs)} ClaimReviews to {safe(output)}"))
    if skipped:
        err.print(f"left out {skipped} orphaned claim(s); --include-orphaned exports them too")


# -- reference figures -----------------------------------------------------------------
@click.group("references", short_help="Reference figures: import, list, check claims against.")
def references_cmd() -> None:
    """Authoritative reference figures: import a CSV, list what is loaded."""


@references_cmd.command("import", short_help="Import reference figures from a CSV file.")
@click.argument("file", required=False)
@click.option("--bundled", metavar="NAME", help="Import a file shipped with claimcheck (see `references bundled`).")
@click.option("--dataset", metavar="NAME", help="Name to file the figures under (default: the file name).")
@click.pass_context
def references_import_cmd(ctx: click.Context, file: str | None, bundled: str | None, dataset: str | None) -> None:
    """Import FILE.csv (subject, metric, object, value, unit, qualifier, period, source_name, source_url).

    All or nothing: a bad row stops the import with its line number and what is wrong.
    Importing a file again replaces the figures imported from it before.
    """
    if (file is None) == (bundled is None):
        raise click.UsageError("give either FILE or --bundled NAME")
    target: Any = file
    if bundled is not None:
        files = verdicts.bundled_references()
        if bundled.removesuffix(".csv") not in files:
            raise click.BadParameter(
                f"no bundled file {bundled!r}; there are: {', '.join(files) or 'none'}", param_hint="--bundled"
            )
        target = files[bundled.removesuffix(".csv")]
    with cli_database.session(ctx, write=True) as s, s.begin():
        summary = verdicts.import_reference_file(s, target, dataset=dataset)
    err_console().print(
        Text(
            f"imported {summary.imported} reference figures as {safe(summary.dataset)}"
            + (f" (replacing {summary.replaced})" if summary.replaced else "")
        )
    )


@references_cmd.command("bundled", short_help="List the reference files shipped with claimcheck.")
def references_bundled_cmd() -> None:
    """List the reference files shipped with claimcheck."""
    for name, f in verdicts.bundled_references().items():
        sys.stdout.write(f"{name}\t{f}\n")


@references_cmd.command("list", short_help="List imported reference figures.")
@format_option()
@click.pass_context
def references_list_cmd(ctx: click.Context, fmt: str) -> None:
    """List imported reference figures."""
    with cli_database.session(ctx) as s:
        refs = verdicts.list_references(s)
    rows = [
        {
            "dataset": r.dataset,
            "line": r.line,
            "subject": r.subject,
            "metric": r.metric,
            "object": r.object,
            "value": r.value,
            "value_text": r.value_text,
            "unit": r.unit,
            "qualifier": r.qualifier,
            "low": r.low,
            "high": r.high,
            "period": r.period,
            "source_name": r.source_name,
            "source_url": r.source_url,
            "note": r.note,
        }
        for r in refs
    ]
    if fmt != "table":
        report.write(rows, REFERENCE_COLUMNS, fmt, sys.stdout)
        return
    if not rows:
        err_console().print("no reference figures; `claimcheck references import FILE.csv` loads some")
        return
    out = out_console()
    for r in rows:
        figure = " · ".join(x for x in (r["subject"], r["metric"], r["object"]) if x)
        value = _value(r["value"], r["qualifier"], r["unit"])
        out.print(Text(safe(f"{r['dataset']}:{r['line']}  {figure}  {value}  {r['period']}")), soft_wrap=True)
        for extra in (r["source_name"], r["source_url"], r["note"]):
            if extra:
                out.print(Text("    " + safe(extra)), soft_wrap=True)


@click.command("check", short_help="Check claims against imported reference figures.")
@click.option("--result", "results", multiple=True, type=click.Choice(RESULTS), help="Only this result (repeatable).")
@format_option()
@click.pass_context
def check_cmd(ctx: click.Context, results: tuple[str, ...], fmt: str) -> None:
    """Check claims against imported reference figures for the same key and period."""
    with cli_database.session(ctx) as s:
        found = verdicts.check_claims(s)
        n_refs = len(verdicts.list_references(s)) if not found else None
    shown = [r for r in found if not results or r.result in results]
    if fmt != "table":
        report.write((r.as_row() for r in shown), CHECK_COLUMNS, fmt, sys.stdout)
    else:
        by_key: dict[tuple[Any, ...], list[Any]] = {}
        for r in shown:
            by_key.setdefault(r.claim.key, []).append(r)
        out = out_console()
        for rows in by_key.values():
            c = rows[0].claim
            title = " · ".join(x for x in (c.subject, c.metric, c.object) if x) + (f" ({c.unit})" if c.unit else "")
            out.print(
                table(
                    title,
                    ["claim", "source", "says", "period", "result", "reference"],
                    [
                        (
                            r.claim.claim_id,
                            r.claim.source,
                            _value(r.claim.value, r.claim.qualifier, r.claim.unit),
                            r.claim.period,
                            r.result,
                            f"{_value(r.reference.value, r.reference.qualifier, r.reference.unit)} "
                            f"({r.reference.period}) · {r.reference.dataset}:{r.reference.line}"
                            if r.reference
                            else r.note,
                        )
                        for r in rows
                    ],
                    source={"max_width": 14, "overflow": "ellipsis", "no_wrap": True},
                    result={"no_wrap": True},
                )
            )
    err = err_console()
    if n_refs == 0:
        err.print("no reference figures; `claimcheck references import FILE.csv` loads some")
        return
    if not found:
        err.print("no claim has the subject, metric, object and unit of a reference figure")
        return
    counts = {k: sum(r.result == k for r in found) for k in RESULTS}
    err.print(", ".join(f"{n} {k}" for k, n in counts.items()))


# -- source reliability ----------------------------------------------------------------
@click.command("trust", short_help="Source trust by truth discovery (TruthFinder): advice.")
@click.option("--sides", is_flag=True, help="Show the support of each side of each contested group instead.")
@format_option()
@click.pass_context
def trust_cmd(ctx: click.Context, sides: bool, fmt: str) -> None:
    """Source trust by truth discovery (TruthFinder): advice beside conflicts, never a verdict."""
    from claimcheck.verdicts import reliability

    with cli_database.session(ctx) as s:
        rep = verdicts.truth_report(s)
        rows: list[dict[str, Any]] = verdicts.side_rows(s, rep) if sides else []
    if sides:
        columns, title = reliability.SIDE_COLUMNS, f"{len(rows)} sides of contested groups"
        shown, headers = (
            ["group_id", "value_cluster", "support", "sources", "values"],
            ["group", "side", "support", "sources", "values"],
        )
    else:
        rows = [
            {"source_id": x.source_id, "source": x.source, "trust": x.trust, "sides": x.sides, "groups": x.groups}
            for x in rep.sources
        ]
        columns, title = TRUST_COLUMNS, f"{len(rows)} sources"
        shown = headers = TRUST_COLUMNS
    if fmt != "table":
        report.write(rows, columns, fmt, sys.stdout)
    elif rows:
        # fixed precision reads better than repr
        cells = [[f"{r[c]:.3f}" if c in ("trust", "support") else r[c] for c in shown] for r in rows]
        out_console().print(table(title, headers, cells))
    err = err_console()
    if not rep.sources:
        err.print("no groups yet; ingest documents first")
        return
    err.print(
        f"TruthFinder: {'converged after' if rep.converged else 'stopped, not converged, after'} "
        f"{rep.iterations} iterations; scores measure agreement between sources, not truth"
    )


# -- search and timeline ---------------------------------------------------------------
@click.command("search", short_help="Claims whose sentence contains all the words.")
@click.argument("words", nargs=-1, required=True)
@click.option(
    "--limit",
    default=50,
    show_default=True,
    type=AtLeast(1),
    help="At most this many claims.",
)
@format_option()
@click.pass_context
def search_cmd(ctx: click.Context, words: tuple[str, ...], limit: int, fmt: str) -> None:
    """Claims whose sentence contains all the WORDS (full-text, best match first)."""
    from claimcheck.verdicts import search

    with cli_database.session(ctx) as s:
        hits = verdicts.search_claims(s, " ".join(words), limit=limit)
    if fmt != "table":
        report.write((h.as_row() for h in hits), search.SEARCH_COLUMNS, fmt, sys.stdout)
        return
    if not hits:
        err_console().print("no claims match")
        return
    out_console().print(
        table(
            f"{len(hits)} claims",
            ["claim", "source", "value", "period", "in context"],
            [
                (
                    h.claim_id,
                    h.source,
                    _value(h.value, h.qualifier, h.unit, h.value_text),
                    _period(h.period_start, h.period_end),
                    snippet(h.quote, *h.figure_at, width=30),
                )
                for h in hits
            ],
            source={"max_width": 14, "overflow": "ellipsis", "no_wrap": True},
            value={"max_width": 14},
        )
    )


@click.command("timeline", short_help="Draw a group's values over their periods.")
@click.argument("group_id")
@click.option("--png", metavar="FILE", help="Write the chart as a PNG image (needs matplotlib).")
@click.option("--width", default=32, show_default=True, type=click.IntRange(10, 200), help="Bar width in columns.")
@click.pass_context
def timeline_cmd(ctx: click.Context, group_id: str, png: str | None, width: int) -> None:
    """Draw a group's values over their periods (GROUP_ID like 3 or g3); undated claims last."""
    gid = _group_id(group_id)
    with cli_database.session(ctx) as s:
        g, points = verdicts.timeline_points(s, gid)
        title = verdicts.timeline_title(g)
    if png:
        render_timeline.render_png(title, points, png)
        err_console().print(Text(f"wrote {safe(png)}"))
        return
    out = out_console()
    for line in render_timeline.render_text(safe(title), [_safe_point(p) for p in points], width=width):
        out.print(Text(line), soft_wrap=True)


def _safe_point(p: verdicts.Point) -> verdicts.Point:
    return replace(p, source=safe(p.source), unit=safe(p.unit) if p.unit else p.unit)


COMMANDS: list[click.Command] = [
    review_cmd,
    reviews_cmd,
    export_reviews_cmd,
    references_cmd,
    check_cmd,
    trust_cmd,
    search_cmd,
    timeline_cmd,
]


def register(main: click.Group) -> None:
    """Add the verdict commands to `main` (a second call does nothing)."""
    if "review" in main.commands:
        return
    for cmd in COMMANDS:
        main.add_command(cmd)
