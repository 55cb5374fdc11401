"""`claimcheck entities`: list the entities and their spellings; merge or split them."""

from __future__ import annotations

import json
import sys

import click

from claimcheck import cli_database, report
from claimcheck.cli_common import format_option
from claimcheck.console import err_console, out_console, table


@click.group("entities", invoke_without_command=True, short_help="List entities and spellings; merge or split them.")
@format_option()
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
    from claimcheck.pipeline import correct_entities
    from claimcheck.pipeline import people as entities

    correct_entities(cli_database.engine(ctx, write=True), entities.merge, keep, other)
    err_console().print(f"merged {other} into {keep}")


@entities_cmd.command("split", short_help="Make SPELLING its own entity, never merged again.")
@click.argument("entity")
@click.argument("spelling")
@click.pass_context
def entities_split_cmd(ctx: click.Context, entity: str, spelling: str) -> None:
    """Make SPELLING its own entity, never merged into ENTITY again."""
    from claimcheck.pipeline import correct_entities
    from claimcheck.pipeline import people as entities

    correct_entities(cli_database.engine(ctx, write=True), entities.split, entity, spelling)
    err_console().print(f"split {spelling} from {entity}")


def register(main: click.Group) -> None:
    """Add these commands to `main`."""
    main.add_command(entities_cmd)
