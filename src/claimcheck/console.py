"""The one place that knows about rich: consoles, tables and how errors are shown.

Document text is never markup: consoles are created with markup, highlighting and emoji
off, and control characters, escape sequences and bidirectional formatting characters are
stripped from anything a document supplied (what is stored keeps them: only the display changes).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from claimcheck.report_write import QUAL_SYMBOL, figure, fmt_number  # noqa: F401  (how figures read)

# Bidirectional formatting: embeddings and overrides (U+202A-U+202E), isolates (U+2066-U+2069)
# and the marks (U+200E, U+200F, U+061C). On a terminal an override reverses what follows it,
# so a quote could be shown saying what it does not say.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(rf"\x1b\[[0-9;?]*[ -/]*[@-~]|[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")


def safe(text: Any) -> str:
    """Text for a terminal: control and escape sequences and bidirectional formatting removed."""
    return "" if text is None else _CONTROL.sub("", str(text))


def out_console() -> Console:
    return Console(file=sys.stdout, markup=False, highlight=False, emoji=False, soft_wrap=False)


def err_console() -> Console:
    return Console(file=sys.stderr, markup=False, highlight=False, emoji=False, stderr=True, soft_wrap=True)


def table(
    title: str | None, columns: Sequence[str], rows: Iterable[Sequence[Any]], **column_opts: dict[str, Any]
) -> Table:
    """A rich table whose cells are plain Text (never parsed as markup)."""
    t = Table(title=safe(title) if title else None, show_lines=False, header_style="bold", title_justify="left")
    for c in columns:
        t.add_column(c, **column_opts.get(c, {}))
    for r in rows:
        t.add_row(*[v if isinstance(v, Text) else Text(safe(v)) for v in r])
    return t


def snippet(quote: str, start: int, end: int, width: int = 40) -> Text:
    """The words around the figure at [start, end) of `quote`, the figure in bold."""
    a = max(0, start - width)
    b = min(len(quote), end + width)
    while a > 0 and not quote[a - 1].isspace():
        a += 1
        if a >= start:
            a = start
            break
    while b < len(quote) and not quote[b].isspace() and b > end:
        b -= 1
    text = highlight(" ".join(quote[a:start].split()) + (" " if quote[a:start][-1:].isspace() else ""), 0, 0)
    text.append(safe(quote[start:end]), style="bold")
    rest = quote[end:b]
    text.append(safe((" " if rest[:1].isspace() else "") + " ".join(rest.split())))
    if a > 0:
        text = Text("…") + text
    if b < len(quote):
        text.append("…")
    return text


def highlight(quote: str, start: int, end: int) -> Text:
    """The quote with the figure at [start, end) in bold."""
    t = Text(safe(quote[:start]))
    t.append(safe(quote[start:end]), style="bold reverse")
    t.append(safe(quote[end:]))
    return t


@contextmanager
def output_file(path: str | None, database: Path | None = None) -> Iterator[TextIO]:
    """stdout for None or "-", else `path` opened for writing: never the command's SQLite
    `database` file (opening it for writing would empty it before a row is read)."""
    if path is None or path == "-":
        yield sys.stdout
        return
    if database is not None:
        target = Path(path).resolve()
        if target in {Path(f"{database}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")}:
            raise click.ClickException(f"cannot write {path}: it is the database; choose another file")
    try:
        fh = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed below
    except OSError as e:
        raise click.ClickException(f"cannot write {path}: {e.strerror}") from None
    with fh:
        yield fh


SQL_INT_MAX = 2**63 - 1  # the largest integer SQLite and PostgreSQL store: ids and limits stop here


def row_id(raw: str) -> int | None:
    """An id typed by a user ("12"), or None: ASCII digits only ("²".isdigit() is true) and
    no larger than the database's integers."""
    return int(raw) if re.fullmatch(r"[0-9]{1,19}", raw) and int(raw) <= SQL_INT_MAX else None


class AtLeast(click.IntRange):
    """A whole number of at least `minimum` (and at most what the databases store), whose help
    says only the bound a user can meet: '[x>=1]', never '[1<=x<=9223372036854775807]'."""

    def __init__(self, minimum: int) -> None:
        super().__init__(min=minimum, max=SQL_INT_MAX)

    def _describe_range(self) -> str:
        return f"x>={self.min}" if self.min else ""


SHORT_NAME = 14  # the widest a source's short name in a table gets


def short_names(names: Iterable[str], width: int = SHORT_NAME) -> dict[str, str]:
    """A short, distinct name for each source file name, for a narrow column: the name itself
    when it fits, else its stem, its middle cut out when longer than `width` (where names of
    one series differ is mostly their start or end: 'kelda-report-2023-final.pdf' ->
    'kelda-r…-final'), with '~2', '~3' for stems that cut to the same text."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for name in names:
        short = name if len(name) <= width else Path(name).stem
        if len(short) > width:
            head = width // 2
            short = short[:head] + "…" + short[len(short) - (width - head - 1) :]
        n = 1
        candidate = short
        while candidate in taken:
            n += 1
            candidate = short[: width - 1 - len(str(n))] + f"~{n}"
        taken.add(candidate)
        out[name] = candidate
    return out
