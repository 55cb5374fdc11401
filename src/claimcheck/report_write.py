"""How report rows are written: a figure as a reader says it, a converted figure to the
precision its text stated, and the CSV / JSON / JSONL writers (formula-safe CSV cells, an
optional byte order mark)."""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Iterable
from typing import Any, TextIO

NUMERIC = {
    "value",
    "low",
    "high",
    "char_start",
    "char_end",
    "claim_id",
    "group_id",
    "value_cluster",
    "claims",
    "size_bytes",
    "source_id",
    "n_sources",
    "sources_in_cluster",
    "compared_value",
    "compared_low",
    "compared_high",
    "numeric_value",
}


_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+")
MIN_DIGITS = 2  # a converted "1 mile" is 1.6 km, not 2 km


def stated_digits(surface: str | None) -> int | None:
    """How many significant digits the figure's text gave: '200-mile' 3, '1.5 million' 2,
    '0.05%' 1, '3,450 sq mi' 4; None when it gave no digits ('half')."""
    m = _NUMBER.search(surface or "")
    if m is None:
        return None
    digits = m.group().replace(",", "").replace(".", "").lstrip("0")
    return len(digits) or 1


def to_precision(value: float | None, digits: int | None) -> float | None:
    """`value` rounded to `digits` significant digits (at least MIN_DIGITS); unchanged when None."""
    if value is None or digits is None or value == 0 or not math.isfinite(value):
        return value
    keep = max(digits, MIN_DIGITS)
    return round(value, keep - 1 - math.floor(math.log10(abs(value))))


# -- how a figure reads ---------------------------------------------------------------
def fmt_number(v: float | None) -> str:
    """1234567 -> '1,234,567'; 0.000123 -> '0.000123'."""
    if v is None:
        return ""
    v = float(v)
    if v.is_integer() and abs(v) < 1e15:
        return f"{int(v):,}"
    return f"{v:,.6g}"


QUAL_SYMBOL = {
    "exact": "",
    "approx": "~",
    "nearly": "nearly ",
    "over": ">",
    "under": "<",
    "at_least": ">=",
    "at_most": "<=",
}


def figure(
    value: float | None,
    unit: str | None,
    qualifier: str | None = None,
    low: float | None = None,
    high: float | None = None,
    value_text: str | None = None,
) -> str:
    """A claim's value as a reader says it: '>90%', 'nearly 100%', '3,485 km', '10-20%'."""
    if value_text:
        return value_text
    unit = unit or ""
    sep = "" if unit in ("%", "") else " "
    if value is None:
        if low is None and high is None:
            return ""
        return f"{fmt_number(low)}-{fmt_number(high)}{sep}{unit}"
    return f"{QUAL_SYMBOL.get(qualifier or '', '')}{fmt_number(value)}{sep}{unit}"


# -- writers ---------------------------------------------------------------------------
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any, column: str = "") -> str:
    """A CSV cell: numbers plain, text neutralized against spreadsheet formula injection."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if column not in NUMERIC and text.startswith(_FORMULA_START):
        return "'" + text
    return text


def _jsonable(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def write(rows: Iterable[dict[str, Any]], columns: list[str], fmt: str, out: TextIO, bom: bool = False) -> int:
    """Write rows as csv, json or jsonl; returns how many. With `bom`, CSV starts with a
    UTF-8 byte order mark, which Excel needs to read non-ASCII text as UTF-8."""
    n = 0
    if fmt == "csv":
        if bom:
            out.write("\ufeff")
        w = csv.writer(out, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow([cell(r.get(c), c) for c in columns])
            n += 1
    elif fmt == "jsonl":
        for r in rows:
            out.write(json.dumps({c: _jsonable(r.get(c)) for c in columns}, ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "json":
        out.write("[")
        for r in rows:
            out.write(
                ("," if n else "") + "\n  " + json.dumps({c: _jsonable(r.get(c)) for c in columns}, ensure_ascii=False)
            )
            n += 1
        out.write("\n]\n" if n else "]\n")
    else:  # pragma: no cover - click restricts the choices
        raise ValueError(fmt)
    return n
