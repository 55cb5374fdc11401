"""Drawing a timeline (verdicts.timeline's points): a text chart for the terminal, or a PNG.

One row per claim, sorted by period start; undated claims come last, marked "undated". Each
row is a bar on a shared scale: solid up to the lowest value the claim allows, shaded across
what its wording allows (rounding, "over", "nearly"), an arrow when it is open-ended.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from claimcheck.console import figure
from claimcheck.verdicts.errors import VerdictError
from claimcheck.verdicts.timeline import Point, ordered

SOLID, SHADE, OPEN = "█", "░", "→"
PLOT_HINT = 'pip install "claimcheck-db[plot]"'


def label(p: Point) -> str:
    """The point's value as a reader says it: '>90%', 'nearly 100%'."""
    return figure(p.value, p.unit, p.qualifier, p.low, p.high)


def _num(v: float | None) -> str:
    if v is None:
        return "?"
    if float(v).is_integer() and abs(v) < 1e15:
        return f"{int(v):,}"
    return f"{v:,.4g}"


def axis(points: Sequence[Point]) -> tuple[float, float]:
    """The shared scale: from min(0, lowest) to the highest finite value stated."""
    xs = [x for p in points for x in (p.low, p.high, p.value) if x is not None and math.isfinite(x)]
    if not xs:
        return 0.0, 1.0
    lo, hi = min(0.0, min(xs)), max(0.0, max(xs))
    lo = -_nice(-lo) if lo < 0 else 0.0
    hi = _nice(hi) if hi > 0 else 0.0
    return (lo, hi) if hi > lo else (lo, lo + 1.0)


def _nice(x: float) -> float:
    """The smallest round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten) >= x."""
    exp = math.floor(math.log10(x))
    for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * 10**exp >= x * (1 - 1e-12):
            return float(step * 10**exp)
    return float(10 ** (exp + 1))  # pragma: no cover - 10 * 10**exp >= x always


def bar(p: Point, lo: float, hi: float, width: int) -> str:
    """The row's bar: solid to the claim's lower bound, shaded across its interval."""
    a, b = p.interval()
    open_end = b is None
    a = lo if a is None else a
    b = hi if b is None else b

    def col(x: float) -> int:
        return max(0, min(width, math.floor((x - lo) / (hi - lo) * width + 0.5)))

    solid = col(a)
    shade = max(1, col(b) - solid) if b > a else 0
    if solid + shade > width:
        solid = max(0, width - shade)
    text = SOLID * solid + SHADE * shade
    if open_end:
        text = text[:-1] + OPEN if text else OPEN
    return text


def render_text(title: str, points: Sequence[Point], width: int = 32) -> list[str]:
    """The chart as lines of plain text (no markup), title and legend included."""
    pts = ordered(points)
    lo, hi = axis(pts)
    unit = next((p.unit for p in pts if p.unit), "")
    left, right = _num(lo) + (unit if unit == "%" else ""), _num(hi) + (unit if unit == "%" else "")
    scale = left + " " * max(1, width - len(left) - len(right)) + right
    lines = [title, f"{'claim':>5} {'period':<9} {'value':<12} {scale}  side  source"]
    for p in pts:
        source = p.source if len(p.source) <= 16 else p.source[:15] + "…"
        side = "" if p.side is None else str(p.side)
        lines.append(
            f"{p.claim_id:>5} {p.period:<9} {label(p):<12} {bar(p, lo, hi, width):<{width}}  {side:>4}  {source}"
        )
    legend = f"{SOLID} up to the lowest value the claim allows  {SHADE} what its wording allows"
    if any(p.interval()[1] is None for p in pts):
        legend += f"  {OPEN} open-ended"
    lines.append(legend)
    return lines


def render_png(title: str, points: Sequence[Point], out: str | Path | BinaryIO) -> None:
    """The same chart as a PNG image; needs matplotlib (the `plot` extra)."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:
        raise VerdictError(f"--png needs matplotlib, which is not installed: {PLOT_HINT}") from None
    pts = ordered(points)
    lo, hi = axis(pts)
    unit = next((p.unit for p in pts if p.unit), "")
    fig = Figure(figsize=(8, 1.6 + 0.45 * len(pts)))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    n = len(pts)
    for i, p in enumerate(pts):
        y = n - 1 - i
        a, b = p.interval()
        open_end = b is None
        a = lo if a is None else a
        b = hi if b is None else b
        ax.barh(y, a - lo, left=lo, color="#33658a", height=0.6)
        if b > a:
            ax.barh(y, b - a, left=a, color="#86bbd8", hatch="//", edgecolor="#33658a", height=0.6)
        ax.text(b + (hi - lo) * 0.01, y, label(p) + (" (open-ended)" if open_end else ""), va="center", fontsize=9)
    ax.set_yticks(range(n), labels=[f"{p.period} · claim {p.claim_id}" for p in reversed(pts)])
    ax.set_xlim(lo, hi + (hi - lo) * 0.18)
    ax.set_xlabel(unit or "value")
    ax.set_title(title, fontsize=10, loc="left")
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    try:
        fig.savefig(out, format="png", dpi=120)
    except OSError as e:
        raise VerdictError(f"cannot write {out}: {e.strerror or e}") from None
