#!/usr/bin/env python3
"""Score claimcheck's quantity layer on Microsoft Recognizers-Text's English specs (a peer suite).

    python bench/peer_recognizers.py [--root ../shared/peer/recognizers_text] [-v SPEC]

Runs `claimcheck quantities --lines -` on every input of four specs (NumberModel,
NumberRangeModel, CurrencyModel, DimensionModel) and prints, per spec, the recall of the
values each spec annotates, of value + unit, and how many of the found values have the
spec's span exactly. Each spec annotates only its own type (CurrencyModel marks money and
nothing else), so precision against it means little: only recall is scored.

How a spec's result is matched (one to one, per input):
- a number (NumberModel) matches a found value, or either end of a found range;
  its "unit" is none: a plain number, or a count of a noun (not a lexicon unit);
- a range (NumberRangeModel, "[20,35)") matches a found range with both ends; a range open
  on one end ("(20,)": more than 20) matches a found value at that end; its "unit" is the
  bound: a found "more than"/"at least" (change > or >=) for a lower bound, "<" for an
  upper one, a range for a closed interval;
- money and dimensions match a found value (or a range end) and then the unit name mapped
  to ours below; a rate matches by the unit of its amount ("$ 98 a share" is USD/share here,
  dollars there).
A span matches when the found surface is the spec's text (its End is inclusive).

The specs are read where they lie and never copied; when they are absent the script says so
and exits 0.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_ROOT = HERE.parent.parent / "shared" / "peer" / "recognizers_text"
SPECS = {
    "NumberModel": "Number/English/NumberModel.json",
    "NumberRangeModel": "Number/English/NumberRangeModel.json",
    "CurrencyModel": "NumberWithUnit/English/CurrencyModel.json",
    "DimensionModel": "NumberWithUnit/English/DimensionModel.json",
}

# Recognizers-Text unit name -> our unit symbol (names we do not model map to None)
UNIT_MAP = {
    "Dollar": "USD",
    "United States dollar": "USD",
    "Euro": "EUR",
    "Chinese yuan": "CNY",
    "Pound": "GBP",  # in CurrencyModel; DimensionModel's Pound is below
    "British pound": "GBP",
    "Cent": "cent",
    "Pence": "GBX",
    "Penny": "GBX",
    "Canadian dollar": "CAD",
    "Japanese yen": "JPY",
    "Franc": "CHF",
    "Swiss franc": "CHF",
    "Australian dollar": "AUD",
    "Hong Kong dollar": "HKD",
    "New Zealand dollar": "NZD",
    "Turkish lira": "TRY",
    "Rupee": "INR",
    "Sri Lankan rupee": "LKR",
    "Mexican peso": "MXN",
    "Bitcoin": "BTC",
    "Foot": "ft",
    "Meter": "m",
    "Mile": "mi",
    "Gallon": "gal",
    "Ton": "t",
    "Metric ton": "t",
    "Kilometer per hour": "km/h",
    "Mile per hour": "mph",
    "Kilogram": "kg",
    "Gram": "g",
    "Microgram": "ug",
    "Inch": "in",
    "Square meter": "m2",
    "Square kilometer": "km2",
    "Kilometer": "km",
    "Millimeter": "mm",
    "Decimeter": "dm",
    "Picometer": "pm",
    "Milliliter": "mL",
    "Barrel": "bbl",
    "Ounce": "oz",
    "Acre": "acre",
    "Cubic foot": "ft3",
    "Bit": "bit",
    "Megabit": "Mbit",
    "Megabyte": "MB",
    "Tablespoon": "tbsp",
    "Teaspoon": "tsp",
    "Cup": "cup",
}
DIMENSION_UNIT_MAP = {"Pound": "lb"}
_INTERVAL = re.compile(r"^([\[(])\s*([^,]*?)\s*,\s*([^,]*?)\s*([\])])$")


def _float(s: str) -> float | None:
    try:
        return float(s.replace(",", ""))
    except ValueError:
        return None


def run_ours(inputs: list[str]) -> list[list[dict]]:
    exe = shutil.which("claimcheck")
    cmd = [exe] if exe else [sys.executable, "-m", "claimcheck"]
    text = "\n".join(s.replace("\n", " ").replace("\r", " ") for s in inputs) + "\n"
    p = subprocess.run([*cmd, "quantities", "--lines", "-"], input=text, capture_output=True, text=True, check=True)
    return [json.loads(line)["quantities"] for line in p.stdout.splitlines()]


def _close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= 1e-6 * max(1.0, abs(b))


def _plain(unit: str) -> bool:
    """A number's unit as NumberModel sees it: none, or a counted noun (lower-case, not a symbol)."""
    return unit == "" or (unit.islower() and len(unit) > 3 and "/" not in unit)


def _want(spec: str, result: dict) -> dict | None:
    """What a spec result asks for: value (or low/high/bound) and unit; None if unreadable."""
    res = result["Resolution"]
    span = (result["Start"], result["End"] + 1)
    if spec == "NumberRangeModel":
        m = _INTERVAL.match(res.get("value", ""))
        if not m:
            return None
        low, high = _float(m.group(2)), _float(m.group(3))
        if low is None and high is None:
            return None
        return {"low": low, "high": high, "span": span, "text": result["Text"]}
    value = _float(str(res.get("value", "")))
    if value is None:
        return None
    if spec == "NumberModel":
        return {"value": value, "unit": "", "span": span, "text": result["Text"]}
    name = res.get("unit", "")
    unit = (DIMENSION_UNIT_MAP.get(name) if spec == "DimensionModel" else None) or UNIT_MAP.get(name, "?" + name)
    return {"value": value, "unit": unit, "span": span, "text": result["Text"]}


def _matches(got: dict, want: dict) -> tuple[bool, bool]:
    """(value matches, value and unit match) for one found quantity and one spec result."""
    if "low" in want:  # a range
        low, high = want["low"], want["high"]
        if low is not None and low == high:  # "[20,20]": equal to 20
            ok = _close(got.get("value"), low)
            return ok, ok
        if low is not None and high is not None:
            ok = _close(got.get("low"), low) and _close(got.get("high"), high)
            return ok, ok
        bound = low if low is not None else high
        ok = _close(got.get("value"), bound)
        side = got.get("change", "") in ((">", ">=", "≥") if low is not None else ("<", "<=", "≤"))
        return ok, ok and side
    v = want["value"]
    ok = _close(got.get("value"), v) or _close(got.get("low"), v) or _close(got.get("high"), v)
    if not ok:
        return False, False
    unit = got.get("unit", "")
    # a rate counts as its amount's unit: "$ 98 a share" is dollars to the spec, USD/share here
    return True, _plain(unit) if want["unit"] == "" else want["unit"] in (unit, unit.split("/")[0])


def score(spec: str, cases: list[dict], results: list[list[dict]], verbose: bool) -> dict[str, float]:
    """Recall of value and value+unit, and exact spans among the values found."""
    n = tp_v = tp_u = spans = 0
    for case, got in zip(cases, results, strict=True):
        used: set[int] = set()
        missed = []
        for result in case["Results"]:
            want = _want(spec, result)
            if want is None:
                continue
            n += 1
            hits = [(i, *_matches(g, want)) for i, g in enumerate(got) if i not in used]
            hits = [h for h in hits if h[1]]
            if not hits:
                missed.append(want["text"])
                continue
            pick = next((h for h in hits if h[2]), hits[0])
            used.add(pick[0])
            tp_v += 1
            tp_u += pick[2]
            g = got[pick[0]]
            spans += (g["start"], g["end"]) == want["span"]
            if not pick[2]:
                missed.append(f"{want['text']} (unit {want.get('unit', 'bound')} != {g['unit'] or g['change']})")
        if verbose and missed:
            print(f"\n{case['Input']}\n  missed {missed}\n  got    {[(g['surface'], g['unit']) for g in got]}")
    return {
        "n": n,
        "value_r": tp_v / n if n else 0.0,
        "unit_r": tp_u / n if n else 0.0,
        "span": spans / tp_v if tp_v else 0.0,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    ap.add_argument("-v", "--verbose", metavar="SPEC", help="print every missed result of SPEC (e.g. CurrencyModel)")
    a = ap.parse_args()
    if not a.root.is_dir():
        print(f"peer specs not found at {a.root}; skipped (they live in ../shared/, beside the checkout)")
        return 0
    for spec, rel in SPECS.items():
        path = a.root / rel
        if not path.is_file():
            print(f"{spec:<17} not found at {path}; skipped")
            continue
        cases = json.loads(path.read_text(encoding="utf-8"))
        results = run_ours([c["Input"] for c in cases])
        s = score(spec, cases, results, a.verbose == spec)
        print(
            f"{spec:<17} {len(cases):>4} inputs {s['n']:>4} results | value R {s['value_r']:.3f} | "
            f"value+unit R {s['unit_r']:.3f} | exact span {s['span']:.2f} of found"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
