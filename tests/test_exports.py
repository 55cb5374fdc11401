"""Exports as spreadsheets and tools read them: the README's contract, the JSON Schema in docs/,
figures only in `value`, converted figures to the precision their text stated, --bom."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import main
from claimcheck.report import CLAIM_COLUMNS, CONFLICT_COLUMNS, SOURCE_COLUMNS, stated_digits, to_precision

ROOT = Path(__file__).resolve().parent.parent
DOC = (
    "Valdrex Harbour Report\n\n"
    "President Anton Mirko of Borduria opened the harbour café on 3 May 2024.\n"
    "The Valdrex canal is 200 miles long, and the Kelda reservoir covers 1,234 square miles.\n"
    "Storm Kelda brought winds of 160 mph to Valdrex in 2023.\n"
)
OTHER = "Storm Kelda brought winds of 190 mph to Valdrex in 2023.\n"


@pytest.fixture
def ingested(runner: CliRunner, tmp_path: Path) -> Path:
    (tmp_path / "harbour.txt").write_text(DOC)
    (tmp_path / "kelda.md").write_text(OTHER)
    r = runner.invoke(main, ["ingest", "-q", str(tmp_path / "harbour.txt"), str(tmp_path / "kelda.md")])
    assert r.exit_code == 0, r.stderr
    return tmp_path


def _contract() -> dict[str, list[str]]:
    """The column lists of the README's "Export contract": the backquoted names of each bullet."""
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Export contract") :]
    section = section[: section.index("\n## ", 3)]
    out: dict[str, list[str]] = {}
    for bullet in re.split(r"\n- ", section)[1:]:
        what = re.match(r"`export (\w+)`", bullet)
        if what:
            [names] = re.findall(r"`([a-z][a-z_]*(?:,\s+[a-z][a-z_]*)+)`", bullet)
            out[what.group(1)] = [c.strip() for c in names.split(",")]
    return out


def test_the_readme_contract_names_every_column_in_order() -> None:
    contract = _contract()
    assert contract == {"claims": CLAIM_COLUMNS, "conflicts": CONFLICT_COLUMNS, "sources": SOURCE_COLUMNS}


@pytest.mark.parametrize("what", ["claims", "conflicts", "sources"])
def test_json_exports_meet_the_schema_in_docs(runner: CliRunner, ingested: Path, what: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "docs" / "export.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    rows = json.loads(runner.invoke(main, ["export", what, "--format", "json"]).stdout)
    assert rows
    jsonschema.validate(rows, {**schema, "$ref": f"#/$defs/{what}"})
    assert list(rows[0]) == list(schema["$defs"][what]["items"]["properties"])
    broken = [{**rows[0], "claims" if what == "sources" else "claim_id": "seven"}]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, {**schema, "$ref": f"#/$defs/{what}"})


@pytest.mark.parametrize("what", ["claims", "conflicts"])
def test_numeric_value_holds_only_figures(runner: CliRunner, ingested: Path, what: str) -> None:
    rows = list(csv.DictReader(io.StringIO(runner.invoke(main, ["export", what]).stdout)))
    assert {r["kind"] for r in rows} >= {"numeric", "title", "event_date"}
    for r in rows:
        if r["kind"] == "numeric":
            assert float(r["numeric_value"]) == float(r["value"])  # a number a spreadsheet can sum
        else:
            assert r["numeric_value"] == "" and r["value_text"]  # the title or date in its own column
            assert r["value"] == r["value_text"]  # where tools have always read it
    assert {r["value_text"] for r in rows if r["kind"] == "title"} == {"President"}


def test_converted_figures_keep_the_precision_their_text_stated(runner: CliRunner, ingested: Path) -> None:
    rows = json.loads(runner.invoke(main, ["export", "claims", "--format", "json"]).stdout)
    got = {r["surface"]: (r["value"], r["unit"], r["compared_value"], r["compared_unit"]) for r in rows}
    assert got["200 miles"] == (200, "mi", 322, "km")  # 321.868 km carried digits the text never gave
    assert got["1,234 square miles"] == (1234, "mi2", 3196, "km2")
    assert got["160 mph"] == (160, "mph", 257, "km/h")
    conflicts = json.loads(runner.invoke(main, ["export", "conflicts", "--format", "json"]).stdout)
    kelda = sorted(r["value"] for r in conflicts if r["unit"] == "km/h")
    assert kelda == [257, 306]  # figures as compared, in the group's unit


@pytest.mark.parametrize(
    ("surface", "digits"),
    [("200-mile", 3), ("1.5 million", 2), ("0.05%", 1), ("3,450 sq mi", 4), ("half", None), (".5 km", 1)],
)
def test_stated_digits(surface: str, digits: int | None) -> None:
    assert stated_digits(surface) == digits


@pytest.mark.parametrize(
    ("value", "digits", "rounded"),
    [(321.868, 3, 322), (1.609344, 1, 1.6), (3196.0438, 4, 3196), (0.0123456, 2, 0.012), (-257.49, 3, -257)],
)
def test_to_precision(value: float, digits: int, rounded: float) -> None:
    assert to_precision(value, digits) == rounded


def test_bom_for_excel(runner: CliRunner, ingested: Path, tmp_path: Path) -> None:
    plain = runner.invoke(main, ["export", "claims"]).stdout
    marked = runner.invoke(main, ["export", "claims", "--bom"]).stdout
    assert not plain.startswith("\ufeff") and marked == "\ufeff" + plain and "café" in plain
    out = tmp_path / "claims.csv"
    assert runner.invoke(main, ["export", "claims", "--bom", "-o", str(out)]).exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as fh:
        assert next(csv.reader(fh)) == CLAIM_COLUMNS
    r = runner.invoke(main, ["export", "claims", "--format", "json", "--bom"])
    assert r.exit_code == 2 and "byte order mark" in r.stderr


def test_sources_csv_leaves_out_the_text(runner: CliRunner, ingested: Path) -> None:
    header = next(csv.reader(io.StringIO(runner.invoke(main, ["export", "sources"]).stdout)))
    assert header == [c for c in SOURCE_COLUMNS if c != "text"]
    rows = json.loads(runner.invoke(main, ["export", "sources", "--format", "json"]).stdout)
    assert any("Kelda reservoir" in r["text"] for r in rows)
