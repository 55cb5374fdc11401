"""The command line: stdout holds data, stderr talk; exit codes 0 / 1 / 2."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from claimcheck.cli import main
from claimcheck.report import CLAIM_COLUMNS, CONFLICT_COLUMNS, cell

DOC_A = (
    "Copper Outlook\n\nPublished: 3 May 2024\n\n"
    "Chile's share of global copper production was 24% in 2022, according to the USGS.\n"
    "Peru shares a 171-kilometre border with Chile.\n"
)
DOC_B = "Chile accounted for 27 percent of world copper output in 2022 [citation needed] [/b].\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "docs"
    d.mkdir()
    (d / "a.txt").write_text(DOC_A)
    (d / "sub").mkdir()
    (d / "sub" / "b.md").write_text(DOC_B)
    (d / "notes.docx").write_bytes(b"PK\x03\x04")  # not a supported suffix: skipped when walking
    return d


@pytest.fixture
def ingested(runner: CliRunner, corpus: Path) -> Path:
    r = runner.invoke(main, ["ingest", "-q", str(corpus)])
    assert r.exit_code == 0, r.stderr
    return corpus


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, cmd in group.commands.items():
        yield (*prefix, name), cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, (*prefix, name))


@pytest.mark.parametrize("path", [p for p, _ in _commands(main)], ids=lambda p: " ".join(p))
def test_every_command_has_help(runner: CliRunner, path: tuple[str, ...]) -> None:
    cmd = dict(_commands(main))[path]
    assert cmd.help and cmd.help.strip()
    r = runner.invoke(main, [*path, "--help"])
    assert r.exit_code == 0 and "Usage:" in r.stdout


def test_ingest_summary_on_stderr(runner: CliRunner, corpus: Path) -> None:
    r = runner.invoke(main, ["ingest", "-q", str(corpus)])
    assert r.exit_code == 0
    assert r.stdout == ""
    assert "2 new, 0 unchanged, 0 updated, 0 failed; claims: 3" in r.stderr
    again = runner.invoke(main, ["ingest", "-q", str(corpus)])
    assert "0 new, 2 unchanged" in again.stderr


def test_ingest_errors_exit_1_and_go_on(runner: CliRunner, corpus: Path, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    r = runner.invoke(main, ["ingest", "-q", str(tmp_path / "nope.txt"), str(tmp_path / "empty.txt"), str(corpus)])
    assert r.exit_code == 1
    assert "nope.txt: no such file or directory" in r.stderr
    assert "empty.txt: is empty" in r.stderr
    assert "2 new" in r.stderr and "2 failed" in r.stderr


def test_usage_errors_exit_2(runner: CliRunner) -> None:
    assert runner.invoke(main, ["ingest"]).exit_code == 2
    assert runner.invoke(main, ["export", "nonsense"]).exit_code == 2
    assert runner.invoke(main, ["show", "abc"]).exit_code == 2


def test_bad_database_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    r = runner.invoke(main, ["--db", str(tmp_path), "sources"])
    assert r.exit_code == 1 and "is a directory" in r.stderr


def test_conflicts_default_and_all(runner: CliRunner, ingested: Path) -> None:
    r = runner.invoke(main, ["conflicts", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert {row["status"] for row in rows} == {"conflict"}
    assert sorted(float(row["value"]) for row in rows) == [24, 27]
    allrows = list(csv.DictReader(io.StringIO(runner.invoke(main, ["conflicts", "--all", "--format", "csv"]).stdout)))
    assert {row["status"] for row in allrows} == {"conflict", "single"}
    table = runner.invoke(main, ["conflicts"])
    assert table.exit_code == 0 and "CONFLICT" in table.stdout and "Chile" in table.stdout
    assert "1 group shown" in table.stderr  # not "1 groups"
    assert "2 groups shown" in runner.invoke(main, ["conflicts", "--all"]).stderr


def test_conflicts_table_shows_a_few_claims_per_side(runner: CliRunner, tmp_path: Path) -> None:
    docs = tmp_path / "many"
    docs.mkdir()
    for i in range(7):
        (docs / f"d{i}.txt").write_text(f"Peru's share of global silver output was 20% in 2022. Story {i}.\n")
    (docs / "x.txt").write_text("Peru's share of global silver output was 35% in 2022.\n")
    (docs / "y.txt").write_text("Ghana's share of global cocoa output was 15% in 2021.\n")
    (docs / "z.txt").write_text("Ghana's share of global cocoa output was 25% in 2021.\n")
    assert runner.invoke(main, ["ingest", "-q", str(docs)]).exit_code == 0
    wide = {"COLUMNS": "200"}
    out = runner.invoke(main, ["conflicts", "--per-side", "3"], env=wide).stdout
    assert out.count("d") and out.count(".txt") == 3 + 1 + 2  # 3 of the 7 on Peru's 20% side, then 1, then 2
    assert "4 more on this side: claimcheck show g" in out
    full = runner.invoke(main, ["conflicts", "--per-side", "0"], env=wide).stdout
    assert full.count(".txt") == 7 + 1 + 2 and "more on this side" not in full
    one = runner.invoke(main, ["conflicts", "--limit", "1"], env=wide)
    assert one.stdout.count("CONFLICT") == 1 and "1 more not shown" in one.stderr
    assert "Peru" in one.stdout  # groups in report order: the eight sources on Peru before Ghana's two


def test_terminal_output_does_not_interpret_markup(runner: CliRunner, ingested: Path) -> None:
    rows = runner.invoke(main, ["claims", "--source", "b.md", "--format", "jsonl"]).stdout.splitlines()
    claim_id = json.loads(rows[0])["claim_id"]
    r = runner.invoke(main, ["show", str(claim_id)])
    assert r.exit_code == 0
    assert "[citation needed] [/b]" in r.stdout


def test_claims_filters_and_formats(runner: CliRunner, ingested: Path) -> None:
    r = runner.invoke(main, ["claims", "--metric", "border", "--format", "jsonl"])
    (row,) = [json.loads(line) for line in r.stdout.splitlines()]
    assert (row["value"], row["unit"], {row["subject"], row["object"]}) == (171, "km", {"Chile", "Peru"})
    none = runner.invoke(main, ["claims", "--subject", "Atlantis", "--format", "json"])
    assert json.loads(none.stdout) == []


def test_show_claim_and_group(runner: CliRunner, ingested: Path) -> None:
    r = runner.invoke(main, ["show", "1"])
    assert r.exit_code == 0 and "claim 1" in r.stdout and "offsets" in r.stdout
    g = runner.invoke(main, ["show", "g1"])
    assert g.exit_code == 0 and "group 1" in g.stdout
    missing = runner.invoke(main, ["show", "999"])
    assert missing.exit_code == 1 and "no claim 999" in missing.stderr


def test_export_contract(runner: CliRunner, ingested: Path, tmp_path: Path) -> None:
    claims = runner.invoke(main, ["export", "claims", "--format", "csv"]).stdout
    header = next(csv.reader(io.StringIO(claims)))
    assert header[: len(CLAIM_COLUMNS)] == CLAIM_COLUMNS
    for required in [
        "claim_id",
        "source",
        "kind",
        "subject",
        "metric",
        "object",
        "value",
        "unit",
        "qualifier",
        "low",
        "high",
        "period_start",
        "period_end",
        "attributed_to",
        "quote",
        "char_start",
        "char_end",
    ]:
        assert required in header
    rows = list(csv.DictReader(io.StringIO(claims)))
    assert {r["kind"] for r in rows} == {"numeric"}
    usgs = next(r for r in rows if r["value"] == "24")
    assert (usgs["period_start"], usgs["attributed_to"], usgs["source"]) == ("2022", "USGS", "a.txt")
    conflicts = runner.invoke(main, ["export", "conflicts", "--format", "csv", "--status", "single"]).stdout
    rows = list(csv.DictReader(io.StringIO(conflicts)))
    assert list(rows[0])[: len(CONFLICT_COLUMNS)] == CONFLICT_COLUMNS
    assert {r["status"] for r in rows} == {"single"}
    out = tmp_path / "sources.jsonl"
    r = runner.invoke(main, ["export", "sources", "--format", "jsonl", "-o", str(out)])
    assert r.stdout == "" and "wrote 2 rows" in r.stderr
    sources = [json.loads(line) for line in out.read_text().splitlines()]
    a = next(s for s in sources if s["source"] == "a.txt")
    assert (a["title"], a["published"], a["published_how"], a["claims"]) == (
        "Copper Outlook",
        "2024-05-03",
        "stated",
        2,
    )
    assert "Chile's share" in a["text"]


def test_sources_table(runner: CliRunner, ingested: Path) -> None:
    r = runner.invoke(main, ["sources"])
    assert "Copper Outlook" in r.stdout and "2024-05-03" in r.stdout


def test_extract_and_quantities_need_no_database(runner: CliRunner, tmp_path: Path, db_path: Path) -> None:
    f = tmp_path / "x.txt"
    f.write_text(DOC_A)
    r = runner.invoke(main, ["extract", str(f)])
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert [row["value"] for row in rows] == [24, 171]
    r = runner.invoke(main, ["extract", "-"], input=DOC_B)
    assert json.loads(r.stdout)["value"] == 27
    q = runner.invoke(main, ["quantities", "--lines", "-"], input="It cost $5m.\nNo figures.\n10-20% of 3 miles\n")
    lines = [json.loads(line) for line in q.stdout.splitlines()]
    assert [x["line"] for x in lines] == [1, 2, 3]
    assert lines[0]["quantities"][0] == {
        "value": 5000000.0,
        "low": None,
        "high": None,
        "unit": "USD",
        "surface": "$5m",
        "start": 8,
        "end": 11,
        "change": "=",
    }
    assert lines[1]["quantities"] == []
    assert [(x["value"], x["low"], x["high"], x["unit"]) for x in lines[2]["quantities"]] == [
        (None, 10, 20, "%"),
        (3, None, None, "mi"),
    ]
    assert not db_path.exists()


def test_csv_cells_neutralize_formulas() -> None:
    assert cell('=HYPERLINK("x")', "quote") == '\'=HYPERLINK("x")'
    assert cell("+1", "subject") == "'+1"
    assert cell("@SUM", "quote") == "'@SUM"
    assert cell(-3.5, "value") == "-3.5"
    assert cell(3500000.0, "value") == "3500000"


def test_conflicts_show_reviews_and_advice(runner: CliRunner, ingested: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(runner.invoke(main, ["conflicts", "--format", "csv"]).stdout)))
    reviewed = rows[0]["claim_id"]
    r = runner.invoke(main, ["review", reviewed, "--rating", "mostly-true", "--note", "close to the agency figure"])
    assert r.exit_code == 0, r.stderr
    table = runner.invoke(main, ["conflicts"])
    assert "mostly-true" in table.stdout
    assert "TruthFinder advice" in table.stderr
    exported = json.loads(runner.invoke(main, ["export", "reviews", "--format", "claimreview"]).stdout)
    assert exported[0]["@type"] == "ClaimReview"
    assert exported[0]["reviewRating"]["alternateName"] == "mostly-true"
    assert runner.invoke(main, ["export", "claims", "--format", "claimreview"]).exit_code == 2


def test_conflicts_table_fits_a_narrow_terminal(runner: CliRunner, ingested: Path) -> None:
    wide = runner.invoke(main, ["conflicts"], env={"COLUMNS": "200"}).stdout
    narrow = runner.invoke(main, ["conflicts"], env={"COLUMNS": "80"}).stdout
    assert "published" in wide and "source" in wide
    assert "published" not in narrow and "source" in narrow and "in context" in narrow
    assert max(len(line) for line in narrow.splitlines()) <= 80


def test_stdin_bytes_are_decoded_as_a_file_is(runner: CliRunner) -> None:
    """`extract -` and `quantities -` read bytes and decode them as files are: Windows-1252
    text is read, UTF-8 with a byte that is not is repaired with a warning, NUL bytes get the
    one-line error (sys.stdin's text gave a UnicodeEncodeError traceback)."""
    r = runner.invoke(main, ["extract", "-"], input=b"The caf\xe9 employed 5,200 people in 2023.\n")
    assert r.exit_code == 0, r.stderr
    [row] = [json.loads(line) for line in r.stdout.splitlines()]
    assert row["value"] == 5200 and "café" in row["quote"]
    for command in ("extract", "quantities"):
        r = runner.invoke(main, [command, "-"], input=b"Output \xe2\x80\x94 5 tonnes at the caf\xe9.\n")
        assert r.exit_code == 0 and "Traceback" not in r.output
        assert r.stderr.startswith("warning: -: 1 byte not UTF-8 (at byte offset 30)") and "5 tonnes" in r.stdout
        r = runner.invoke(main, [command, "-"], input=b"5 tonnes\x00\x00")
        assert r.exit_code == 1 and "NUL bytes" in r.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["show", "99999999999999999999"],
        ["show", "²"],
        ["show", "g²"],
        ["timeline", "99999999999999999999"],
        ["timeline", "²"],
        ["conflicts", "--limit", "99999999999999999999"],
        ["search", "china", "--limit", "99999999999999999999"],
        ["review", "99999999999999999999", "--rating", "true", "--note", "x"],
    ],
)
def test_ids_and_limits_past_the_database_integers_are_usage_errors(runner: CliRunner, args: list[str]) -> None:
    """'²'.isdigit() is true and SQLite stores no integer past 2**63-1: both were tracebacks."""
    r = runner.invoke(main, args)
    assert r.exit_code == 2 and "Invalid value" in r.stderr and "Traceback" not in r.output


def test_a_figure_is_exported_as_stated_and_as_compared(runner: CliRunner, tmp_path: Path) -> None:
    """'160 mph (260 km/h)': the export gives each figure in the unit its text used, and in
    the one unit of its dimension that claims are compared in; the two meet in one group."""
    (tmp_path / "storm.txt").write_text(
        "Storm Ada\n\nStorm Ada brought top winds of 160 mph (260 km/h) to the coast.\n"
    )
    assert runner.invoke(main, ["ingest", "-q", str(tmp_path / "storm.txt")]).exit_code == 0
    rows = [
        json.loads(line) for line in runner.invoke(main, ["export", "claims", "--format", "jsonl"]).stdout.splitlines()
    ]
    assert [(r["value"], r["unit"], r["low"], r["high"]) for r in rows] == [
        (160, "mph", 159.5, 160.5),
        (260, "km/h", 255, 265),  # a conversion is rounded: to the ten
    ]
    # compared as 257.49504 km/h, exported to the three digits "160" gave
    assert [(r["compared_value"], r["compared_unit"]) for r in rows] == [(257, "km/h"), (260, "km/h")]
    assert rows[0]["group_id"] == rows[1]["group_id"] and rows[0]["group_status"] == "agree"


def test_an_export_never_overwrites_the_database(runner: CliRunner, tmp_path: Path, db_path: Path) -> None:
    """-o naming the database itself opened it for writing, emptying it before a row was read."""
    (tmp_path / "a.txt").write_text(DOC_A)
    assert runner.invoke(main, ["ingest", "-q", str(tmp_path / "a.txt")]).exit_code == 0
    for command in (["export", "claims"], ["export-reviews"]):
        for target in (db_path, Path(f"{db_path}-wal")):
            r = runner.invoke(main, [*command, "-o", str(target)])
            assert r.exit_code == 1 and "it is the database" in r.stderr, (command, target)
    rows = [json.loads(line) for line in runner.invoke(main, ["claims", "--format", "jsonl"]).stdout.splitlines()]
    assert [row["value"] for row in rows] == [24, 171]


def test_an_impossible_publication_date_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DOC_A)
    r = runner.invoke(main, ["sources", "set", str(tmp_path / "a.txt"), "--published", "2024-13-45"])
    assert r.exit_code == 2 and "cannot read '2024-13-45' as a date" in r.stderr
    (tmp_path / "sources.csv").write_text("file,published\na.txt,0000-00-00\n")
    r = runner.invoke(main, ["ingest", "-q", str(tmp_path)])
    assert r.exit_code == 1 and "cannot read the date '0000-00-00'" in r.stderr


def test_sources_set_on_a_file_that_cannot_be_read_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    """The metadata is kept for later ingests, but the re-read failing exited 0 silently."""
    (tmp_path / "empty.txt").write_text("")
    r = runner.invoke(main, ["sources", "set", str(tmp_path / "empty.txt"), "--title", "T"])
    assert r.exit_code == 1 and "empty.txt: is empty" in r.stderr
    (tmp_path / "a.txt").write_text(DOC_A)
    r = runner.invoke(main, ["sources", "set", str(tmp_path / "a.txt"), "--title", "T"])
    assert r.exit_code == 0 and "re-read: 1 new, 0 updated, 2 claims" in r.stderr


def test_ingest_says_which_files_it_passed_over(runner: CliRunner, tmp_path: Path) -> None:
    """A folder of an archive holds .docx and .odt files claimcheck does not read: ingest says
    how many of each it skipped, instead of passing them over without a word."""
    docs = tmp_path / "archive"
    (docs / "sub").mkdir(parents=True)
    (docs / "a.txt").write_text("Chile produced 5.26 million tonnes of copper in 2024.\n")
    (docs / "b.docx").write_bytes(b"PK\x03\x04")
    (docs / "sub" / "c.docx").write_bytes(b"PK\x03\x04")
    (docs / "d.odt").write_bytes(b"PK\x03\x04")
    (docs / ".hidden.docx").write_text("x")
    (docs / "sources.csv").write_text("file,title\na.txt,Copper\n")  # the folder's manifest: read, not skipped
    r = runner.invoke(main, ["ingest", "-q", str(docs)])
    assert r.exit_code == 0, r.stderr
    reads = ".htm, .html, .markdown, .md, .pdf, .text, .txt"
    assert f"skipped: 2 .docx, 1 .odt (claimcheck reads {reads} files)" in r.stderr
    assert "documents: 1 new" in r.stderr
    r = runner.invoke(main, ["ingest", "-q", str(docs / "a.txt")])
    assert "skipped" not in r.stderr


# what an external scorer reads of `export conflicts`, in this order; new columns only follow
SCORER_COLUMNS = (
    "group_id,status,subject,metric,object,claim_id,source,value,unit,qualifier,low,high,period_start,period_end,"
    "value_cluster,quote,kind,value_text,surface,attributed_to"
).split(",")
WHY_CONFLICT = (
    "'24%' and '27 percent' cannot both hold for 2022 · same subject, metric and unit; subject named in their sentences"
)
WHY_24 = "subject 'Chile' named in its sentence; metric 'share of global copper production'"


def test_exports_end_with_the_reasons(runner: CliRunner, ingested: Path) -> None:
    r = runner.invoke(main, ["export", "conflicts", "--format", "csv"])
    assert r.exit_code == 0 and r.stderr == ""
    header = next(csv.reader(io.StringIO(r.stdout)))
    assert header[: len(SCORER_COLUMNS)] == SCORER_COLUMNS
    assert header[-5:] == ["subject_how", "compared_within_source", "reason", "group_reason", "numeric_value"]
    rows = {row["value"]: row for row in csv.DictReader(io.StringIO(r.stdout))}
    assert {row["group_reason"] for row in rows.values() if row["status"] == "conflict"} == {WHY_CONFLICT}
    assert (
        rows["171"]["group_reason"] == "one claim: nothing to compare it with · subject 'Chile' named in its sentence"
    )
    assert (rows["24"]["subject_how"], rows["24"]["compared_within_source"], rows["24"]["reason"]) == (
        "stated",
        "false",
        WHY_24,
    )
    claims = runner.invoke(main, ["export", "claims", "--format", "jsonl"]).stdout
    by_value = {row["value"]: row for row in map(json.loads, claims.splitlines())}
    assert list(by_value[24])[-8:] == [
        "subject_how",
        "compared_within_source",
        "reason",
        "compared_value",
        "compared_unit",
        "compared_low",
        "compared_high",
        "numeric_value",
    ]
    assert by_value[24]["reason"] == WHY_24 and by_value[24]["compared_within_source"] is False
    assert by_value[171]["reason"].endswith("; metric 'border'; object 'Peru'")


def test_conflicts_say_why_under_each_group(runner: CliRunner, ingested: Path) -> None:
    r = runner.invoke(main, ["conflicts"], env={"COLUMNS": "200"})
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("group 1 · CONFLICT · Chile"))
    assert lines[header + 1] == f"why: {WHY_CONFLICT}"
    assert "why:" not in r.stderr and "1 group shown" in r.stderr


def test_show_says_why_each_claim_is_in_its_group(runner: CliRunner, ingested: Path) -> None:
    g = runner.invoke(main, ["show", "g1"], env={"COLUMNS": "200"})
    assert g.exit_code == 0 and g.stderr == ""
    assert f"why: {WHY_CONFLICT}" in g.stdout
    assert g.stdout.count(f"in its group: {WHY_24}") == 2  # both claims: same subject and metric, stated
    one = runner.invoke(main, ["show", "1"], env={"COLUMNS": "200"})
    assert f"in its group: {WHY_24}" in one.stdout and "why:" not in one.stdout


def test_confident_hides_groups_kept_to_one_document(runner: CliRunner, corpus: Path) -> None:
    (corpus / "c.txt").write_text("Unemployment rose to 4.7% in 2023.\n")  # whose? only c.txt can tell
    assert runner.invoke(main, ["ingest", "-q", str(corpus)]).exit_code == 0
    wide = {"COLUMNS": "200"}
    every = runner.invoke(main, ["conflicts", "--all"], env=wide)
    assert "· ? · unemployment rate" in every.stdout
    assert "why: one claim: nothing to compare it with · one sentence only" in every.stdout
    assert "3 groups shown" in every.stderr
    sure = runner.invoke(main, ["conflicts", "--all", "--confident"], env=wide)
    assert sure.exit_code == 0 and "unemployment" not in sure.stdout and "2 groups shown" in sure.stderr
    for args in (["conflicts", "--all", "--format", "csv"], ["export", "conflicts"]):
        rows = list(csv.DictReader(io.StringIO(runner.invoke(main, args).stdout)))
        confident = list(csv.DictReader(io.StringIO(runner.invoke(main, [*args, "--confident"]).stdout)))
        kept = [row for row in rows if row["compared_within_source"] == "false"]
        assert len(kept) == len(rows) - 1 and confident == kept
    singles = runner.invoke(main, ["conflicts", "--status", "single", "--confident"], env=wide)
    assert singles.exit_code == 0 and "border" in singles.stdout
    none = runner.invoke(main, ["conflicts", "--confident", "--status", "trend"])
    assert none.exit_code == 0 and none.stdout == "" and "no groups that are confident" in none.stderr
    alone = str(corpus.parent / "alone.db")
    assert runner.invoke(main, ["--db", alone, "ingest", "-q", str(corpus / "c.txt")]).exit_code == 0
    nothing = runner.invoke(main, ["--db", alone, "conflicts", "--all", "--confident"])
    assert nothing.exit_code == 0 and nothing.stdout == "" and nothing.stderr.strip() == "no groups that are confident"
