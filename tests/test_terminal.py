"""The terminal: `conflicts` at 80 columns, the report order, `--cross-source`, help text."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from claimcheck.cli import main
from claimcheck.console import short_names

NARROW = {"COLUMNS": "80"}
LONG = "borduria-ministry-of-agriculture-annual-wheat-bulletin"


@pytest.fixture
def corpus(runner: CliRunner, tmp_path: Path) -> Path:
    """Three conflicts: Borduria's before three sources, Valdrex's two far apart (20% and 60%),
    Syldavia's two close together (30% and 32%)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    texts = {
        f"{LONG}.txt": "Borduria's share of global wheat output was 20% in 2022.\n",
        f"{LONG}-revised.txt": "Borduria's share of global wheat output was 25% in 2022.\n",
        "kelda.md": "Borduria's share of global wheat output reached 20% in 2022.\n",
        "valdrex-a.txt": "Valdrex's share of global tin output was 20% in 2021.\n",
        "valdrex-b.txt": "Valdrex's share of global tin output was 60% in 2021.\n",
        "syldavia-a.txt": "Syldavia's share of global zinc output was 30% in 2020.\n",
        "syldavia-b.txt": "Syldavia's share of global zinc output was 32% in 2020.\n",
    }
    for name, text in texts.items():
        (docs / name).write_text(text)
    r = runner.invoke(main, ["ingest", "-q", str(docs)])
    assert r.exit_code == 0, r.stderr
    return docs


def _rows(out: str) -> list[list[str]]:
    """The body rows of rich tables as cells (continuation lines included)."""
    return [[c.strip() for c in line.split("│")[1:-1]] for line in out.splitlines() if line.startswith("│")]


def test_conflicts_at_80_columns_show_source_value_period_and_context(runner: CliRunner, corpus: Path) -> None:
    r = runner.invoke(main, ["conflicts"], env=NARROW)
    assert r.exit_code == 0, r.stderr
    tables = r.stdout[: r.stdout.index("sources:")]  # (the legend's file names are not broken)
    assert max(len(line) for line in tables.splitlines()) <= 80
    headers = [line for line in r.stdout.splitlines() if line.startswith("┃")]
    assert len(headers) == 3
    for h in headers:
        assert [c.strip() for c in h.split("┃")[1:-1]] == ["side", "value", "period", "source", "in context"]
    first = [row for row in _rows(r.stdout) if row[0]]  # a claim's first line has its side
    assert len(first) == 7
    for side, value, period, source, context in first:
        assert re.fullmatch(r"[12] \(0\.\d\d\)", side) and re.fullmatch(r"\d+%", value)
        assert re.fullmatch(r"20\d\d", period) and source and context
        assert value in context.replace(" percent", "%")  # the figure, in the words around it
    # long file names are cut, and the legend under the tables says which file each stands for
    sources = {row[3] for row in first}
    assert {"kelda.md", "valdrex-a.txt", "syldavia-b.txt"} <= sources
    cut = sorted(s for s in sources if "…" in s)
    assert len(cut) == 2 and cut[0] != cut[1] and all(len(s) <= 14 for s in cut)
    legend = r.stdout[r.stdout.index("sources:") :].splitlines()[1:]
    assert sorted(line.split()[0] for line in legend) == cut
    assert sorted(line.split()[1] for line in legend) == sorted([f"{LONG}.txt", f"{LONG}-revised.txt"])


def test_conflicts_come_by_sources_then_by_disagreement(runner: CliRunner, corpus: Path) -> None:
    """Most sources first, then the widest disagreement; the same in every format."""
    out = runner.invoke(main, ["conflicts"], env=NARROW).stdout
    titles = [line.split(" · ")[2] for line in out.splitlines() if line.startswith("group ")]
    assert titles == ["Borduria", "Valdrex", "Syldavia"]
    exported = runner.invoke(main, ["export", "conflicts", "--status", "conflict"]).stdout
    order = [line.split(",")[2] for line in exported.splitlines()[1:]]
    assert list(dict.fromkeys(order)) == ["Borduria", "Valdrex", "Syldavia"]


def test_cross_source_and_min_sources(runner: CliRunner, corpus: Path) -> None:
    def subjects(*args: str) -> list[str]:
        out = runner.invoke(main, ["conflicts", *args], env=NARROW).stdout
        return [line.split(" · ")[2] for line in out.splitlines() if line.startswith("group ")]

    assert subjects("--min-sources", "3") == ["Borduria"]
    assert subjects("--cross-source") == ["Borduria", "Valdrex", "Syldavia"]
    r = runner.invoke(main, ["conflicts", "--min-sources", "4"])
    assert r.exit_code == 0 and r.stdout == "" and "that 4 sources speak to" in r.stderr
    rows = runner.invoke(main, ["conflicts", "--min-sources", "3", "--format", "csv"]).stdout.splitlines()
    assert len(rows) == 1 + 3


def test_claims_limit(runner: CliRunner, corpus: Path) -> None:
    every = runner.invoke(main, ["claims", "--format", "csv"]).stdout.splitlines()
    two = runner.invoke(main, ["claims", "--limit", "2", "--format", "csv"]).stdout.splitlines()
    assert len(every) == 1 + 7 and two == every[:3]
    table = runner.invoke(main, ["claims", "--limit", "1"], env=NARROW).stdout
    assert table.startswith("1 claims")
    cut = runner.invoke(main, ["claims", "--source", "bulletin"], env=NARROW).stdout
    header = [c.strip() for c in next(x for x in cut.splitlines() if x.startswith("┃")).split("┃")[1:-1]]
    assert header == ["id", "source", "subject", "measure", "value", "period", "in context"]
    assert max(len(line) for line in cut[: cut.index("sources:")].splitlines()) <= 80
    shown = {row[1] for row in _rows(cut) if row[1]}
    legend = dict(line.split() for line in cut[cut.index("sources:") :].splitlines()[1:])
    assert len(shown) == 2 and set(legend) == shown and set(legend.values()) == {f"{LONG}.txt", f"{LONG}-revised.txt"}


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, cmd in group.commands.items():
        yield (*prefix, name), cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, (*prefix, name))


@pytest.mark.parametrize(
    "path", [(), *[p for p, c in _commands(main) if isinstance(c, click.Group)]], ids=lambda p: " ".join(p) or "main"
)
def test_command_lists_are_not_cut_at_80_columns(runner: CliRunner, path: tuple[str, ...]) -> None:
    out = runner.invoke(main, [*path, "--help"], env=NARROW, terminal_width=80).stdout
    listed = out[out.index("Commands:") :].splitlines()[1:]
    assert listed and not [line for line in listed if line.rstrip().endswith("...")]


@pytest.mark.parametrize("path", [p for p, _ in _commands(main)], ids=lambda p: " ".join(p))
def test_option_help_has_no_meaningless_range(runner: CliRunner, path: tuple[str, ...]) -> None:
    out = runner.invoke(main, [*path, "--help"], env=NARROW).stdout
    assert "9223372036854775807" not in out and "<=x<=" not in out.replace("10<=x<=200", "").replace("0<=x<=65535", "")


@pytest.mark.parametrize(
    ("names", "width", "expected"),
    [
        (["kelda.md"], 14, {"kelda.md": "kelda.md"}),
        (["storm-kelda-ministry-report.pdf"], 14, {"storm-kelda-ministry-report.pdf": "storm-k…report"}),
        (["anton-mirko-notes.txt"], 20, {"anton-mirko-notes.txt": "anton-mirko-notes"}),
        (
            ["valdrex-harbour-2023.txt", "valdrex-harbour-2024.txt"],
            14,
            {"valdrex-harbour-2023.txt": "valdrex…r-2023", "valdrex-harbour-2024.txt": "valdrex…r-2024"},
        ),
        (
            ["valdrex-harbour-a-2023.txt", "valdrex-harbour-b-2023.txt"],
            14,
            {"valdrex-harbour-a-2023.txt": "valdrex…a-2023", "valdrex-harbour-b-2023.txt": "valdrex…b-2023"},
        ),
        (
            ["valdrex-a-harbour-2023.txt", "valdrex-b-harbour-2023.txt"],
            14,
            {"valdrex-a-harbour-2023.txt": "valdrex…r-2023", "valdrex-b-harbour-2023.txt": "valdrex…r-20~2"},
        ),
    ],
)
def test_short_names(names: list[str], width: int, expected: dict[str, str]) -> None:
    assert short_names(names, width) == expected


def test_the_first_groups_are_the_head_of_the_whole_order(runner: CliRunner, corpus: Path, db_path: Path) -> None:
    """With a limit, the spread is read only for conflicts as many sources speak to as the last
    one shown: the first N are still the first N of the full order."""
    from claimcheck.db import reads

    assert runner.invoke(main, ["conflicts"]).exit_code == 0  # (settled: the fast path applies)
    with reads.sqlite_reader(str(db_path)) as run:
        assert run is not None
        for statuses in (["conflict"], None):
            every, total = reads.group_ids(run, statuses, None)
            assert len(every) == total and total >= 3
            for n in range(1, total + 1):
                assert reads.group_ids(run, statuses, n) == (every[:n], total)
