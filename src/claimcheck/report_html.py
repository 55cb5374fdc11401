"""`claimcheck report`: one self-contained HTML page of conflicts, trends and agreements.

The page is meant to be shared: it opens from a file, e-mail or chat with nothing else, so its
style is inline, it has no scripts, fonts or images, and a Content-Security-Policy forbids it to
load anything. Every text from a document is escaped. Its rows are report.groups' rows, the
ones `conflicts` and `export conflicts` show.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from claimcheck.report_write import figure

SECTIONS = [  # (status, heading, what the section says)
    ("conflict", "Conflicts", "Claims about the same thing whose values cannot all hold."),
    ("trend", "Trends", "Values that differ because they describe different periods."),
    ("agree", "Agreements", "Sources that state the same value."),
    ("single", "Single claims", "Claims no other claim speaks to."),
]

# Nothing may be fetched: no scripts, fonts, images or frames; only the inline style below.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'"

_CSS = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1d1f;
       max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { border-bottom: 2px solid #ddd; padding-bottom: .2rem; margin-top: 2.5rem; }
.meta, .why, .reason, .src { color: #555; font-size: .9rem; }
.group { border: 1px solid #ddd; border-radius: 6px; padding: .6rem 1rem; margin: 1rem 0; }
.group h3 { margin: .2rem 0; font-size: 1.1rem; }
.status { font-size: .75rem; font-weight: 600; letter-spacing: .05em; padding: .1rem .4rem;
          border-radius: 3px; color: #fff; vertical-align: middle; }
.conflict .status { background: #b3261e; } .trend .status { background: #6b4fbb; }
.agree .status { background: #2e7d32; } .single .status { background: #777; }
.side { border-left: 4px solid #ccc; margin: .6rem 0; padding-left: .8rem; }
.conflict .side { border-color: #e8a29d; }
.side h4 { margin: .2rem 0; font-size: 1rem; }
ul.claims { list-style: none; padding: 0; margin: 0; }
ul.claims li { margin: .4rem 0; }
blockquote { margin: .1rem 0; font-style: italic; }
mark { background: #ffe58a; font-style: normal; font-weight: 600; padding: 0 .1rem; }
nav ul { padding-left: 1.2rem; }
"""


@dataclass(frozen=True)
class PageInfo:
    """What the page says about itself."""

    title: str = "claimcheck report"
    database: str = ""  # where the claims came from, as the user named it
    generated: str = ""  # when (ISO 8601), given by the caller: rendering reads no clock


def page(groups: Iterable[list[dict[str, Any]]], info: PageInfo) -> str:
    """The whole page: a heading, a contents line, then a section per status with its groups."""
    by_status: dict[str, list[list[dict[str, Any]]]] = {status: [] for status, _, _ in SECTIONS}
    for rows in groups:
        by_status.setdefault(rows[0]["status"], []).append(rows)
    sections = [(s, h, d, by_status[s]) for s, h, d in SECTIONS if by_status.get(s)]
    counts = ", ".join(f"{len(gs)} {h.lower()}" for _, h, _, gs in sections) or "no groups"
    contents = "".join(f'<li><a href="#{s}">{h}</a> ({len(gs)})</li>' for s, h, _, gs in sections)
    body = "".join(_section(s, h, d, gs) for s, h, d, gs in sections)
    meta = " · ".join(
        x for x in (info.database and f"from {_e(info.database)}", info.generated and _e(info.generated)) if x
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(info.title)}</title><style>{_CSS}</style></head>\n<body>"
        f"<h1>{_e(info.title)}</h1>"
        f'<p class="meta">{counts}{" · " + meta if meta else ""}</p>'
        f"<nav><ul>{contents}</ul></nav>\n{body}"
        '<p class="meta">Made by claimcheck. A conflict is a question to check, not a verdict: '
        "read each quote in its source.</p></body></html>\n"
    )


def _section(status: str, heading: str, what: str, groups: Sequence[list[dict[str, Any]]]) -> str:
    items = "".join(_group(rows) for rows in groups)
    return f'<section id="{status}"><h2>{heading}</h2><p class="meta">{what}</p>{items}</section>\n'


def _group(rows: list[dict[str, Any]]) -> str:
    """A group: its subject and metric, why its claims are together, and its sides."""
    g = rows[0]
    name = " · ".join(_e(x) for x in (g["subject"] or "?", g["metric"], g["object"]) if x)
    sides: dict[Any, list[dict[str, Any]]] = {}
    for r in rows:
        sides.setdefault(r["value_cluster"], []).append(r)
    n = g["n_sources"]
    return (
        f'<article class="group {_e(g["status"])}" id="g{g["group_id"]}">'
        f'<h3><span class="status">{_e(g["status"].upper())}</span> {name}</h3>'
        f'<p class="why">Why: {_e(g["group_reason"])} · {n} source{"s" if n != 1 else ""} · '
        f"group {g['group_id']}</p>" + "".join(_side(cluster, side) for cluster, side in sides.items()) + "</article>\n"
    )


def _side(number: Any, claims: list[dict[str, Any]]) -> str:
    """One side of a group: the value its claims state, then each claim with its quote."""
    values = list(dict.fromkeys(_value(c) for c in claims))
    n = claims[0]["sources_in_cluster"]
    items = "".join(_claim(c) for c in claims)
    return (
        f'<div class="side"><h4>Side {number}: {_e(", ".join(values))} '
        f'<span class="meta">({n} source{"s" if n != 1 else ""})</span></h4>'
        f'<ul class="claims">{items}</ul></div>'
    )


def _claim(c: dict[str, Any]) -> str:
    period = _period(c)
    published = c["source_published"] or "date unknown"
    return (
        f"<li><blockquote>{quote_html(c['quote'], *c['figure_at'])}</blockquote>"
        f'<div class="src">{_e(c["source"])} · published {_e(published)}'
        f"{' · ' + _e(period) if period else ''}"
        f"{' · said by ' + _e(c['attributed_to']) if c['attributed_to'] else ''} · claim {c['claim_id']}</div>"
        f'<div class="reason">{_e(c["reason"])}</div></li>'
    )


def quote_html(quote: str, start: int, end: int) -> str:
    """The quote, escaped, with the figure at [start, end) in <mark>."""
    return f"{_e(quote[:start])}<mark>{_e(quote[start:end])}</mark>{_e(quote[end:])}"


def _value(c: dict[str, Any]) -> str:
    return figure(c["value"], c["unit"], c["qualifier"], c["low"], c["high"], c["value_text"])


def _period(c: dict[str, Any]) -> str:
    a, b = c["period_start"], c["period_end"]
    if not a and not b:
        return ""
    return f"period {a}" if a == b or not b else f"period {a or '…'}–{b}"


def _e(text: Any) -> str:
    return html.escape("" if text is None else str(text), quote=True)
