"""HTML pages and PDFs read as documents (claimcheck.formats), through `claimcheck ingest`.

Every page and PDF here is written by the test itself: the PDFs by `make_pdf`, a few objects
with text streams in Helvetica and an xref table, so each can be regenerated and read.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import main

ARTICLE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Wheat harvest hits record in Canada | The Daily Ledger</title>
<meta property="og:title" content="Wheat harvest hits record in Canada">
<meta property="og:site_name" content="The Daily Ledger">
<meta property="article:published_time" content="2024-03-05T09:30:00Z">
<meta name="author" content="Jane Roe">
<link rel="canonical" href="https://www.dailyledger.example/news/wheat-record">
<style>body { font-family: sans-serif } .promo::after { content: "Save 40% in 2024"; }</style>
<script>var visitors = 4500000; trackPage("Readership grew 85% in 2023");</script>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Wheat harvest hits record in Canada", "datePublished": "2024-03-05T09:30:00Z",
 "author": {"@type": "Person", "name": "Jane Roe"}}</script>
</head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/subscribe">Subscribe for $9.99 a month</a></li></ul></nav></header>
<div class="sidebar"><h3>Trending</h3><ul><li><a href="/a">Gold price in Peru jumps 12% in 2023</a></li>
<li><a href="/b">Oil output in Norway falls to 3 million barrels in 2022</a></li></ul></div>
<main><article>
<h1>Wheat harvest hits record in Canada</h1>
<p class="byline">By Jane Roe · <time datetime="2024-03-05">March 5, 2024</time></p>
<p>Canada harvested 34.3 million tonnes of wheat in 2023, the largest crop on record, according to
Statistics Canada. Farmers said that the dry spring had not hurt yields as much as feared.</p>
<h2>Exports</h2>
<p>Exports of wheat reached <b>25.1 million tonnes</b> in 2023, up from 22.8 million tonnes in 2022.
The unemployment rate in Canada was 5.4% in 2023.</p>
<ul>
<li>Saskatchewan produced 14.2 million tonnes of wheat in 2023.</li>
<li>Alberta produced 10.3 million tonnes of wheat in 2023.</li>
</ul>
<h2>Production by province</h2>
<table>
<thead><tr><th>Province</th><th>2022</th><th>2023</th></tr></thead>
<tbody>
<tr><td>Saskatchewan</td><td>13,900</td><td>14,200</td></tr>
<tr><td>Manitoba</td><td>4,600</td><td>5,100</td></tr>
</tbody>
</table>
<p>Analysts expect a smaller crop in 2024 as prices fall and farmers move to canola, which has
become more profitable in the prairie provinces over the last few seasons.</p>
</article></main>
<footer><p>© 2024 The Daily Ledger. The company had 1,250 employees in 40 countries in 2023.</p>
<p><a href="/privacy">Privacy</a> | <a href="/terms">Terms</a></p></footer>
</body>
</html>
"""


# -- a PDF writer small enough to read ------------------------------------------------------
def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def text_at(x: float, y: float, text: str, size: float = 10) -> str:
    """A content-stream line of text at (x, y) from the page's bottom left, in Helvetica."""
    return f"BT /F1 {size} Tf {x} {y} Td ({_escape(text)}) Tj ET"


def column(x: float, y: float, lines: list[str], size: float = 10) -> list[str]:
    """Lines set one under the other at 1.4 times the font size."""
    return [text_at(x, y - i * size * 1.4, line, size) for i, line in enumerate(lines)]


def ruled_table(x: float, y: float, widths: list[float], rows: list[list[str]], height: float = 18) -> list[str]:
    """A table with a rule around every cell, its first row at y (the top edge)."""
    ops = []
    right = x + sum(widths)
    for i in range(len(rows) + 1):
        ops.append(f"{x} {y - i * height} m {right} {y - i * height} l S")
    edge = x
    for w in [0.0, *widths]:
        edge += w
        ops.append(f"{edge} {y} m {edge} {y - len(rows) * height} l S")
    for i, row in enumerate(rows):
        left = x
        for w, cell in zip(widths, row, strict=True):
            ops.append(text_at(left + 4, y - (i + 1) * height + 5, cell))
            left += w
    return ops


def make_pdf(pages: list[list[str]], info: dict[str, str] | None = None, encrypted: bool = False) -> bytes:
    """A PDF of US Letter pages, each drawn by its content-stream operators."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for ops in pages:
        stream = "\n".join(ops).encode("latin-1")
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream.decode('latin-1')}\nendstream")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {len(objects)} 0 R"
            " /Resources << /Font << /F1 3 0 R >> >> >>"
        )
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    trailer = f"/Root 1 0 R /ID [<{'ab' * 16}> <{'ab' * 16}>]"
    if info:
        objects.append("<< " + " ".join(f"/{k} ({_escape(v)})" for k, v in info.items()) + " >>")
        trailer += f" /Info {len(objects)} 0 R"
    if encrypted:  # the standard security handler with a user password no empty string opens
        objects.append(f"<< /Filter /Standard /V 1 /R 2 /O <{'11' * 32}> /U <{'22' * 32}> /P -4 >>")
        trailer += f" /Encrypt {len(objects)} 0 R"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} {trailer} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


LEFT = [
    "Copper output in Chile rose to 5.3 million",
    "tonnes in 2023, the mining ministry said on",
    "Monday in a statement about the sector and",
    "its plans for new smelters in the north.",
]
RIGHT = [
    "Lithium exports from Australia fell to 80,000",
    "tonnes in 2022, according to the agency that",
    "publishes the national trade figures each",
    "quarter for the resources industry.",
]


def two_column_page() -> list[str]:
    return [
        text_at(200, 740, "Mining Review", size=20),
        *column(72, 690, LEFT),
        *column(320, 690, RIGHT),
    ]


def table_page() -> list[str]:
    rows = [
        ["Metric", "2022", "2023"],
        ["Nickel production in Indonesia (tonnes)", "1,580,000", "1,800,000"],
        ["Zinc production in Peru (tonnes)", "1,370,000", "1,490,000"],
    ]
    return [text_at(72, 740, "Production by metal", size=16), *ruled_table(72, 700, [260, 90, 90], rows)]


# -- helpers ----------------------------------------------------------------------------------
def ingest(runner: CliRunner, *paths: Path) -> str:
    r = runner.invoke(main, ["ingest", "-q", *map(str, paths)])
    return r.stderr if r.exit_code else ""


def claims(runner: CliRunner) -> list[dict[str, str]]:
    r = runner.invoke(main, ["claims", "--format", "csv"])
    assert r.exit_code == 0, r.stderr
    return list(csv.DictReader(io.StringIO(r.stdout)))


def sources(runner: CliRunner) -> list[dict[str, str]]:
    r = runner.invoke(main, ["export", "sources", "--format", "csv"])
    assert r.exit_code == 0, r.stderr
    return list(csv.DictReader(io.StringIO(r.stdout)))


def figures(rows: list[dict[str, str]]) -> set[tuple[str, float, str]]:
    return {(r["subject"], float(r["value"]), r["period_start"]) for r in rows if r["value"]}


# -- HTML -------------------------------------------------------------------------------------
def test_an_html_article_is_read_without_its_navigation(runner: CliRunner, tmp_path: Path) -> None:
    """The article's figures are found with their subject and period, a table's cells too;
    the navigation, sidebar, footer, script and style are not read."""
    (tmp_path / "article.html").write_text(ARTICLE)
    assert ingest(runner, tmp_path) == ""
    rows = claims(runner)
    found = figures(rows)
    assert {
        ("Canada", 34_300_000.0, "2023"),
        ("Canada", 25_100_000.0, "2023"),
        ("Canada", 22_800_000.0, "2022"),
        ("Canada", 5.4, "2023"),
        ("Saskatchewan", 14_200_000.0, "2023"),
    } <= found
    cells = {(float(r["value"]), r["period_start"]) for r in rows if "| Manitoba |" in r["quote"]}
    assert cells == {(4600.0, "2022"), (5100.0, "2023")}  # a table row, under its year headers
    values = {v for _, v, _ in found}
    assert not values & {12.0, 3_000_000.0, 1250.0, 40.0, 9.99, 85.0, 4_500_000.0}  # nav, footer, script
    assert not any("Subscribe" in r["quote"] or "Trending" in r["quote"] for r in rows)


def test_an_html_page_gives_its_title_date_author_and_address(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "article.html").write_text(ARTICLE)
    assert ingest(runner, tmp_path) == ""
    [src] = sources(runner)
    assert src["title"] == "Wheat harvest hits record in Canada"  # og:title, not "<title> | site"
    assert src["published"] == "2024-03-05"
    assert src["url"] == "https://www.dailyledger.example/news/wheat-record"
    assert (src["author"], src["publisher"]) == ("Jane Roe", "The Daily Ledger")


@pytest.mark.slow
def test_a_government_page_speaks_of_its_own_country(runner: CliRunner, tmp_path: Path) -> None:
    """The canonical address decides the publisher's country, as a front matter url does."""
    page = (
        '<html><head><title>Labour market</title><link rel="canonical" href="https://www.ons.gov.uk/labour">'
        "</head><body><nav>Home</nav><main><h1>Labour market</h1><p>The unemployment rate was 4.2% in 2024,"
        " the office said in its quarterly release on employment and earnings.</p></main></body></html>"
    )
    (tmp_path / "labour.htm").write_text(page)
    assert ingest(runner, tmp_path) == ""
    [row] = claims(runner)
    assert (row["subject"], float(row["value"]), row["period_start"]) == ("United Kingdom", 4.2, "2024")


def test_a_date_in_time_or_json_ld_is_the_pages_date(runner: CliRunner, tmp_path: Path) -> None:
    body = "<p>Copper output in Chile rose to 5.3 million tonnes in 2023, the ministry said on Monday.</p>"
    (tmp_path / "ld.html").write_text(
        '<html><head><title>Copper</title><script type="application/ld+json">'
        '{"@type": "NewsArticle", "datePublished": "2024-02-01"}</script></head>'
        f"<body><article>{body}</article></body></html>"
    )
    (tmp_path / "time.html").write_text(
        f'<html><head><title>Copper too</title></head><body><article><time datetime="2023-11-30">Nov 30</time>'
        f"{body.replace('Monday', 'Tuesday')}</article></body></html>"
    )
    assert ingest(runner, tmp_path) == ""
    assert {s["source"]: s["published"] for s in sources(runner)} == {
        "ld.html": "2024-02-01",
        "time.html": "2023-11-30",
    }


# -- PDF --------------------------------------------------------------------------------------
def test_a_two_column_pdf_is_read_column_by_column(runner: CliRunner, tmp_path: Path) -> None:
    """Lines of the two columns share their heights; read line by line across the page, each
    sentence would run into the other column's."""
    info = {"Title": "Mining Review 2024", "CreationDate": "D:20240115120000Z"}
    (tmp_path / "review.pdf").write_bytes(make_pdf([two_column_page()], info))
    assert ingest(runner, tmp_path) == ""
    rows = claims(runner)
    assert {(r["subject"] or r["object"], float(r["value"]), r["period_start"]) for r in rows} == {
        ("Chile", 5_300_000.0, "2023"),
        ("Australia", 80_000.0, "2022"),
    }
    quotes = {r["quote"] for r in rows}
    assert any(q.startswith("Copper output in Chile rose to 5.3 million tonnes in 2023, the mining") for q in quotes)
    assert any(q.startswith("Lithium exports from Australia fell to 80,000 tonnes in 2022, according") for q in quotes)
    [src] = sources(runner)
    assert (src["title"], src["published"]) == ("Mining Review 2024", "2024-01-15")


def test_a_ruled_pdf_table_gives_each_cell_its_row_and_column(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "tables.pdf").write_bytes(make_pdf([table_page()]))
    assert ingest(runner, tmp_path) == ""
    cells = {(r["metric"].split()[0], float(r["value"]), r["period_start"]) for r in claims(runner)}
    assert cells == {
        ("nickel", 1_580_000.0, "2022"),
        ("nickel", 1_800_000.0, "2023"),
        ("zinc", 1_370_000.0, "2022"),
        ("zinc", 1_490_000.0, "2023"),
    }


def test_an_unruled_pdf_table_stays_rows_under_its_year_header(runner: CliRunner, tmp_path: Path) -> None:
    """Without rules there is no table to find: the rows stay lines, which the layout code reads
    (the caption's last part, 'thousand tonnes', is the rows' unit)."""
    page = [
        text_at(72, 740, "Copper production in Zambia, thousand tonnes", size=14),
        text_at(72, 700, "Metric"),
        *[text_at(250 + 80 * i, 700, str(year)) for i, year in enumerate((2021, 2022, 2023))],
        text_at(72, 684, "Production"),
        *[text_at(250 + 80 * i, 684, v) for i, v in enumerate(("1,200", "1,350", "1,900"))],
        text_at(72, 668, "Exports"),
        *[text_at(250 + 80 * i, 668, v) for i, v in enumerate(("900", "1,000", "1,100"))],
    ]
    (tmp_path / "flat.pdf").write_bytes(make_pdf([page]))
    assert ingest(runner, tmp_path) == ""
    cells = {(r["subject"], r["metric"], float(r["value"]), r["period_start"]) for r in claims(runner)}
    assert {("Zambia", "production", 1.2e6, "2021"), ("Zambia", "production", 1.9e6, "2023")} <= cells
    assert ("Zambia", "exports", 1.1e6, "2023") in cells


# -- what cannot be read ----------------------------------------------------------------------
def test_unreadable_pdfs_and_empty_pages_are_one_line_each(runner: CliRunner, tmp_path: Path) -> None:
    """Each names the file and what to do; the other documents are ingested."""
    good = make_pdf([two_column_page()])
    (tmp_path / "damaged.pdf").write_bytes(good[: len(good) // 3])
    (tmp_path / "locked.pdf").write_bytes(make_pdf([two_column_page()], encrypted=True))
    (tmp_path / "scanned.pdf").write_bytes(make_pdf([["0 0 1 rg 72 72 400 600 re f"]]))
    (tmp_path / "empty.html").write_text("<html><head><title>x</title></head><body><script>f()</script></body></html>")
    (tmp_path / "ok.pdf").write_bytes(good)
    r = runner.invoke(main, ["ingest", "-q", str(tmp_path)])
    assert r.exit_code == 1
    errors = [line for line in r.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 4, r.stderr
    said = dict(line.removeprefix("error: ").split(": ", 1) for line in errors)
    assert "cannot be read as a PDF" in said[str(tmp_path / "damaged.pdf")]
    assert "encrypted and needs a password" in said[str(tmp_path / "locked.pdf")]
    assert "no text layer" in said[str(tmp_path / "scanned.pdf")] and "OCR" in said[str(tmp_path / "scanned.pdf")]
    assert "holds no text" in said[str(tmp_path / "empty.html")]
    assert "Traceback" not in r.stderr
    assert "documents: 1 new" in r.stderr and {r["source"] for r in claims(runner)} == {"ok.pdf"}
