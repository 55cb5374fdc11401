"""`claimcheck conflicts` and `claimcheck show`: groups and claims in the terminal.

report.py reads them (report.conflict_table, report.show); this module renders them.
"""

from __future__ import annotations

import sys
from typing import Any

import click
from rich.text import Text

from claimcheck import cli_database, report
from claimcheck.cli_common import format_option, period_text, print_legend, value_text
from claimcheck.console import (
    AtLeast,
    err_console,
    fmt_number,
    highlight,
    out_console,
    row_id,
    safe,
    short_names,
    snippet,
    table,
)


@click.command("conflicts", short_help="Groups of claims on the same thing, and whether they agree.")
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
@format_option()
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
    print_legend(out, names)
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
            "value": value_text(r),
            "period": period_text(r),
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


@click.command("show", short_help="Show a claim or a group with its quote and provenance.")
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
    with cli_database.session(ctx) as s:
        shown = report.show(s, number, is_group)
    out = out_console()
    if (g := shown.group) is not None:
        out.print(
            Text(
                f"group {g['group_id']}: {g['status']} · {safe(g['subject'])} · {safe(g['metric'])}"
                + (f" · {safe(g['object'])}" if g["object"] else "")
            )
        )
        out.print(Text(f"why: {safe(g['group_reason'])}"))
    for r in shown.claims:
        _print_claim(out, r)


def _print_claim(out: Any, r: dict[str, Any]) -> None:
    """One claim as `show` gives it: the quote with its figure, then its provenance."""
    out.print(Text(f"\nclaim {r['claim_id']} ({r['kind']}) · side {r['value_cluster']} · group {r['group_id']}"))
    out.print(highlight(r["quote"], *r["figure_at"]))
    out.print(
        Text(
            f"  value: {safe(value_text(r))} (stated: {safe(r['surface'])})  interval: "
            f"[{fmt_number(r['low'])}, {fmt_number(r['high'])}]\n"
            f"  subject: {safe(r['subject'])} · metric: {safe(r['metric'])} · object: {safe(r['object'])}\n"
            f"  period: {period_text(r)}  attributed to: {safe(r['attributed_to']) or '-'}\n"
            f"  source: {safe(r['source'])} ({safe(r['source_title']) or 'untitled'}), published "
            f"{r['source_published'] or 'unknown'} ({r['source_published_how']})\n"
            f"  offsets: quote {r['char_start']}-{r['char_end']}, figure {r['surface_start']}-{r['surface_end']}\n"
            f"  in its group: {safe(r['reason'])}"
        )
    )


def register(main: click.Group) -> None:
    """Add these commands to `main`."""
    main.add_command(conflicts_cmd)
    main.add_command(show_cmd)
