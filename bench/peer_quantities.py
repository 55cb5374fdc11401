#!/usr/bin/env python3
"""Score claimcheck's quantity layer on quantulum3's own test suite (a peer suite).

    python bench/peer_quantities.py [--suite ../shared/peer/quantulum3/quantities.json] [-v]

Runs `claimcheck quantities --lines -` on every sentence and prints precision, recall and F1
for value, and for value + unit (quantulum3's unit names mapped to ours below). A range,
which quantulum3 gives as a midpoint with an uncertainty, matches our low/high when both
ends agree. When quantulum3 is importable it runs beside ours on the same sentences (it is
never a claimcheck dependency). The suite is read where it lies and never copied; when it is
absent, the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SUITE = HERE.parent.parent / "shared" / "peer" / "quantulum3" / "quantities.json"

# quantulum3 unit name -> claimcheck unit symbol (units we do not model map to None)
UNIT_MAP = {
    "dimensionless": "",
    "percentage": "%",
    "dollar": "USD",
    "euro": "EUR",
    "pound sterling": "GBP",
    "mile": "mi",
    "inch": "in",
    "kilometre": "km",
    "metre": "m",
    "centimetre": "cm",
    "millimetre": "mm",
    "nanometre": "nm",
    "foot": "ft",
    "yard": "yd",
    "square kilometre": "km2",
    "square mile": "mi2",
    "square metre": "m2",
    "hectare": "ha",
    "acre": "acre",
    "tonne": "t",
    "kilogram": "kg",
    "gram": "g",
    "pound-mass": "lb",
    "ounce": "oz",
    "litre": "L",
    "degree Celsius": "degC",
    "degree fahrenheit": "degF",
    "kilometre per hour": "km/h",
    "mile per hour": "mph",
    "year": "year",
    "month": "month",
    "week": "week",
    "day": "day",
    "hour": "hour",
    "minute": "minute",
    "megawatt hour": "MWh",
    "watt hour": "Wh",
    "kilowatt hour": "kWh",
    "megawatt": "MW",
    "gigawatt": "GW",
    "kilowatt": "kW",
    "dozen": "",
    "cubic kilometre": "km3",
    "cubic centimetre": "mL",
    "gallon": "gal",
    "centilitre": "cL",
    "milligram": "mg",
    "electronvolt": "eV",
    "teraelectronvolt": "TeV",
    "gigahertz": "GHz",
    "megabyte": "MB",
    "exabyte": "EB",
    "kibibyte": "KiB",
    "byte": "B",
    "bit": "bit",
    "cup": "cup",
    "tablespoon": "tbsp",
    "dollar per hour": "USD/hour",
    "dollar per kilogram": "USD/kg",
    "count per week": "x/week",
    "watt per minute": "W/minute",
    "ton per day": "t/d",
    "cent": "cent",
    "milligray": "mGy",
    "megayear": "Ma",
    "gigayear": "Ga",
}


def _our_unit(unit: str) -> str:
    """Our unit as the suite sees it: a counted noun ("cars") is dimensionless there."""
    known = set(UNIT_MAP.values()) | {"pp", "x", "kt", "Mt", "bbl", "bbl/d", "TWh", "GWh", "TW", "m3"}
    if unit == "cm3":
        return "mL"  # one cubic centimetre is one millilitre: quantulum3 names them alike
    return unit if unit in known or unit.isupper() else ""


def run_ours(sentences: list[str]) -> tuple[list[list[dict]], float]:
    exe = shutil.which("claimcheck")
    cmd = [exe] if exe else [sys.executable, "-m", "claimcheck"]
    text = "\n".join(s.replace("\n", " ") for s in sentences) + "\n"
    t0 = time.perf_counter()
    p = subprocess.run([*cmd, "quantities", "--lines", "-"], input=text, capture_output=True, text=True, check=True)
    elapsed = time.perf_counter() - t0
    out = [json.loads(line)["quantities"] for line in p.stdout.splitlines()]
    return out, elapsed


def run_quantulum(sentences: list[str]) -> tuple[list[list[dict]], float] | None:
    try:
        from quantulum3 import parser  # type: ignore[import-not-found]
    except ImportError:
        return None
    t0 = time.perf_counter()
    out = []
    for s in sentences:
        qs = []
        for q in parser.parse(s):
            unc = getattr(q, "uncertainty", None)
            qs.append(
                {
                    "value": q.value,
                    "low": q.value - unc if unc else None,
                    "high": q.value + unc if unc else None,
                    "unit": q.unit.name,
                }
            )
        out.append(qs)
    return out, time.perf_counter() - t0


def _close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= 1e-6 * max(1.0, abs(b))


def _value_match(got: dict, want: dict) -> bool:
    if want.get("uncertainty"):
        lo, hi = want["value"] - want["uncertainty"], want["value"] + want["uncertainty"]
        return (_close(got.get("low"), lo) and _close(got.get("high"), hi)) or _close(got.get("value"), want["value"])
    return _close(got.get("value"), want["value"])


def score(results: list[list[dict]], suite: list[dict], unit_of) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Greedy one-to-one matching per sentence; returns P/R/F1 for value and value+unit."""
    tp_v = tp_vu = n_got = n_want = 0
    for got, case in zip(results, suite, strict=True):
        wants = case["res"]
        n_got += len(got)
        n_want += len(wants)
        used: set[int] = set()
        for w in wants:
            cand = [i for i, g in enumerate(got) if i not in used and _value_match(g, w)]
            if not cand:
                continue
            unit_ok = [i for i in cand if unit_of(got[i]) == UNIT_MAP.get(w["unit"], "?" + w["unit"])]
            pick = unit_ok[0] if unit_ok else cand[0]
            used.add(pick)
            tp_v += 1
            tp_vu += bool(unit_ok)

    def prf(tp: int) -> tuple[float, float, float]:
        p = tp / n_got if n_got else 0.0
        r = tp / n_want if n_want else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    (vp, vr, vf), (up, ur, uf) = prf(tp_v), prf(tp_vu)
    return {
        "value_p": vp,
        "value_r": vr,
        "value_f1": vf,
        "unit_p": up,
        "unit_r": ur,
        "unit_f1": uf,
        "found": n_got,
        "expected": n_want,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--suite", type=Path, default=DEFAULT_SUITE)
    ap.add_argument("-v", "--verbose", action="store_true", help="print every sentence that is not fully right")
    a = ap.parse_args()
    if not a.suite.is_file():
        print(f"peer suite not found at {a.suite}; skipped (it lives in ../shared/, beside the checkout)")
        return 0
    suite = json.loads(a.suite.read_text(encoding="utf-8"))
    sentences = [c["req"] for c in suite]
    chars = sum(len(s) for s in sentences)
    ours, t_ours = run_ours(sentences)
    s = score(ours, suite, lambda g: _our_unit(g["unit"]))
    print(f"peer suite: {a.suite.name}: {len(suite)} sentences, {s['expected']} quantities")
    print(
        f"claimcheck   value P {s['value_p']:.3f} R {s['value_r']:.3f} F1 {s['value_f1']:.3f} | "
        f"value+unit P {s['unit_p']:.3f} R {s['unit_r']:.3f} F1 {s['unit_f1']:.3f} | found {s['found']}"
    )
    peer = run_quantulum(sentences)
    if peer is None:
        print("quantulum3   not installed here; skipped (pip install quantulum3 in a bench environment to compare)")
    else:
        theirs, t_theirs = peer
        q = score(theirs, suite, lambda g: UNIT_MAP.get(g["unit"], "?" + g["unit"]))
        print(
            f"quantulum3   value P {q['value_p']:.3f} R {q['value_r']:.3f} F1 {q['value_f1']:.3f} | "
            f"value+unit F1 {q['unit_f1']:.3f}"
        )
        print(
            f"speed: claimcheck (incl. process start) {chars / t_ours:,.0f} chars/s, quantulum3 {chars / t_theirs:,.0f} chars/s"
        )
    if a.verbose:
        for got, case in zip(ours, suite, strict=True):
            want = [(w["value"], UNIT_MAP.get(w["unit"], "?" + w["unit"]), w["surface"]) for w in case["res"]]
            have = [
                (g["value"] if g["value"] is not None else (g["low"], g["high"]), g["unit"], g["surface"]) for g in got
            ]
            if sorted(map(str, want)) != sorted(map(str, have)):
                print(f"\n{case['req']}\n  want {want}\n  got  {have}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
