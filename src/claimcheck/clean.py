"""Cleaning: repair encodings, drop invisible garbage, and find title, date and furniture.

`clean_text` returns the text every later offset points into. Page furniture (share
counters, "Related posts" lists, reference lists, metadata lines) stays in the text but is
reported as skipped spans, so extraction ignores it and offsets stay honest.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import ftfy
import yaml

from claimcheck.formats.published import Published, dated_line, imprint_date, masthead_date, published_date
from claimcheck.layout import decolumn, deinterleave
from claimcheck.layout.hyphens import rejoin_hyphenated
from claimcheck.layout.lines import Lines
from claimcheck.layout.markup import render
from claimcheck.lexicon import Lexicon
from claimcheck.model import Document, Metadata
from claimcheck.normalize.time import parse_date

# Invisible formatting characters that carry no text.
_INVISIBLE = [0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2028, 0x2029, *range(0x2060, 0x2070), 0xFEFF]
_CODECS = ("cp1252", "latin-1", "iso8859-2")


@cache
def _invisible_mojibake() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Patterns for invisible characters whose UTF-8 bytes were decoded as a legacy codepage.

    U+2064 is E2 81 A4 in UTF-8; read as Windows-1252 it becomes "â¤" (0x81 is undefined
    there and gets lost), read as Latin-2 "â¤" or "â˘" for its neighbours. When such a pair
    stood before a no-break space and the result was decoded as UTF-8 again, the three bytes
    became one character (U+2920 "⤠"). Both forms are derived here from the codecs, not
    listed by hand.
    """
    pairs: set[str] = set()
    merged: set[str] = set()
    for cp in _INVISIBLE:
        raw = chr(cp).encode("utf-8")
        for codec in _CODECS:
            chars = [bytes([b]).decode(codec, errors="ignore") for b in raw]
            if not chars[-1] or unicodedata.category(chars[-1]).startswith("C"):
                continue  # the pattern would be a prefix of ordinary mojibake ("â€" of "â€™")
            visible = "".join(c for c in chars if c and not unicodedata.category(c).startswith("C"))
            full = "".join(chars)
            for form in {visible, full}:
                if len(form) >= 2:
                    pairs.add(form)
                    try:
                        merged.add((form[:2] + "\xa0").encode(codec).decode("utf-8"))
                    except (UnicodeEncodeError, UnicodeDecodeError):
                        pass
    pair_rx = re.compile("|".join(re.escape(p) for p in sorted(pairs, key=len, reverse=True)))
    merged_rx = re.compile("[" + "".join(re.escape(m) for m in sorted(merged) if len(m) == 1) + "]")
    return pair_rx, merged_rx


_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_INVISIBLE_RX = re.compile("[" + "".join(chr(c) for c in _INVISIBLE) + "\u00ad]")
# runs of spaces (tabs, no-break and wide spaces) that are not a single space already: a lone
# space is left alone, so a text's every word gap is no piece of the substitution (29 MiB of
# pieces for 2.5 MB of text)
_SPACE_RUNS = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_LINE_EDGES = re.compile(r"^[^\S\n]+|[^\S\n]+$", re.M)  # what str.strip takes from each line's ends


_FTFY = ftfy.TextFixerConfig(normalization="NFC", explain=False)
# What ftfy can change in ASCII text: HTML entities, carriage returns, escapes, control characters
_ASCII_FTFY_WORK = re.compile(r"[&\x00-\x08\x0b-\x1f\x7f]")


# Characters ftfy never has to repair, in two families tried in this order (see _untouched):
# the punctuation of edited text (curly quotes, dashes, ellipses), and the accented letters
# of names and places. ftfy takes about 0.8 ms on a line of news that contains one of them.
_TYPOGRAPHY = "‘’‚‛“”„‟–—―…•·′″‹›«»€£¥¢©®™§¶×÷±°¹²³¼½¾"
_LETTERS = "éáíóúñüöäçèàãõâêôëïîìòùûåøæœßšžčćłńśźżőűřěůýÿÉÁÍÓÚÑÜÖÄÇÈÀÅØŠŽČŁŚ"


@cache
def _untouched() -> list[tuple[re.Pattern[str], list[tuple[str, str]]]]:
    """For each family, the characters that can be no part of mojibake together, as a pattern
    for any other non-ASCII character and what ftfy changes among them (curly quotes become
    straight ones; the rest stay).

    Mojibake is UTF-8 read in a legacy codepage: each multi-byte character becomes a lead
    byte (0xC2-0xF4) followed by continuation bytes (0x80-0xBF), in that codepage's letters.
    A set of characters none of which is the lead-byte reading in some codepage, or none of
    which is a continuation-byte reading in it, cannot spell a UTF-8 sequence in that
    codepage; a character is kept if the set stays so for every codepage ftfy tries. So "’"
    (a continuation byte in Windows-1252, a lead byte in Mac Roman) is kept, and "°" (a
    continuation byte in Mac Roman) is not; "é" (a lead byte in Latin-1, a continuation byte
    in Mac Roman) goes with the letters, never with "’". A line is left to ftfy unless all
    its non-ASCII characters belong to one family's set."""
    from ftfy.chardata import CHARMAP_ENCODINGS

    def readings(codec: str, first: int, last: int) -> set[str]:
        return {bytes([b]).decode(codec, errors="ignore") for b in range(first, last + 1)} - {""}

    lead = [readings(codec, 0xC2, 0xF4) for codec in CHARMAP_ENCODINGS]
    continuation = [readings(codec, 0x80, 0xBF) for codec in CHARMAP_ENCODINGS]
    families = []
    for candidates in (_TYPOGRAPHY, _LETTERS):
        kept: set[str] = set()
        for ch in candidates:
            trial = kept | {ch}
            if all(not (trial & a and trial & b) for a, b in zip(lead, continuation, strict=True)):
                kept = trial
        fixed = {c: ftfy.fix_and_explain(f"a{c}b", _FTFY).text[1:-1] for c in sorted(kept)}
        table = [(c, to) for c, to in fixed.items() if to != c]
        families.append((re.compile("[^\\x00-\\x7f" + "".join(sorted(kept)) + "]"), table))
    return families


def fix_text(text: str) -> str:
    """`ftfy.fix_text(text, normalization="NFC")`, without calling ftfy on the lines it would
    leave alone or only uncurl: plain ASCII with no "&" or control character, maybe with
    curly quotes and dashes or accented letters (see _untouched). ftfy is the slowest step of cleaning and most
    lines of most documents are plain. The loop is ftfy's own (a segment per line; once a
    line contains "<", HTML entities are left alone from there on), so the result is the
    same, which tests/test_clean.py checks against ftfy on generated text."""
    config = _FTFY
    families = _untouched()
    out = []
    pos = 0
    while pos < len(text):
        end = min(text.find("\n", pos) + 1 or len(text), pos + config.max_decode_length)
        segment = text[pos:end]
        if config.unescape_html == "auto" and "<" in segment:
            config = config._replace(unescape_html=False)
        if segment.isascii() and not _ASCII_FTFY_WORK.search(segment):
            out.append(segment)
        elif (
            not _ASCII_FTFY_WORK.search(segment)
            and (changes := next((t for other, t in families if not other.search(segment)), None)) is not None
        ):
            for c, to in changes:  # a few str.replace calls: str.translate looks up every character
                segment = segment.replace(c, to)
            out.append(segment)
        else:
            out.append(ftfy.fix_and_explain(segment, config).text)
        pos = end
    return "".join(out)


def clean_text(text: str) -> str:
    """Repaired text: mojibake fixed, invisible and control characters gone, side-by-side
    columns read one after the other, spaces single.

    >>> clean_text("momentum \\u00e2\\u00a4in the region")
    'momentum in the region'
    """
    pair_rx, merged_rx = _invisible_mojibake()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ANSI.sub("", text)
    text = merged_rx.sub(" ", text)
    text = pair_rx.sub("", text)
    if not text.isascii():  # mojibake needs non-ASCII characters
        text = fix_text(text)
    text = _INVISIBLE_RX.sub("", text)
    text = text.replace("\f", "\n\n\n")  # a page break ends a paragraph and any column layout
    text = _CONTROL.sub("", text.replace("\t", " "))
    text = decolumn(text)  # while the gutter between side-by-side columns is still there
    text = deinterleave(text)  # columns extracted a line of each in turn
    text = rejoin_hyphenated(text)  # "per-" / "cent": a word broken over two lines
    # each line's runs of spaces as one, its ends stripped: over the whole text, not a list
    # of its lines (a million short lines made two lists of a million strings)
    text = _LINE_EDGES.sub("", _SPACE_RUNS.sub(" ", text)) if _may_have_loose_spaces(text) else text
    return (re.sub(r"\n{3,}", "\n\n", text) if "\n\n\n" in text else text).strip("\n") + "\n"


def _may_have_loose_spaces(text: str) -> bool:
    """Whether `_SPACE_RUNS` or `_LINE_EDGES` can match: in ASCII text, only a double space,
    a space at a line's edge or a white space other than space and newline. Most texts have
    none, and both patterns try every position of the text."""
    return (
        not text.isascii()
        or "  " in text
        or " \n" in text
        or "\n " in text
        or text[:1] == " "
        or text[-1:] == " "
        or any(c in text for c in _OTHER_ASCII_SPACE)
    )


_OTHER_ASCII_SPACE = "\t\r\x0b\x0c\x1c\x1d\x1e\x1f"  # (what \s and str.split take besides space and newline)


_HEADING_MARK = re.compile(r"^#+\s*")
_EMPHASIS = re.compile(r"[*_`]+")
_NUMBERING = re.compile(r"^\d+(\.\d+)*\.?\s+")


def _plain(line: str) -> str:
    """A line without Markdown heading marks, emphasis and trailing colons, lower-cased."""
    s = _HEADING_MARK.sub("", line.strip())
    s = _EMPHASIS.sub("", s)
    s = _NUMBERING.sub("", s)
    return s.strip().rstrip(":").strip().lower()


class _Furniture:
    def __init__(self, lex: Lexicon) -> None:
        f = lex.furniture
        social = "|".join(re.escape(s) for s in f["social_networks"])
        self.counter = re.compile(
            rf"^(?:(?:{social})\s*[:\-]?\s*)?[\d.,]+\s*[kKmMbB]?\+?(?:\s*(?:{social}))?$|^(?:{social})$",
            re.I,
        )
        self.blocks = set(f["block_headings"])
        self.refs = set(f["reference_headings"])
        self.labels = set(f["label_lines"])
        meta = "|".join(re.escape(m) for m in sorted(f["metadata_prefixes"], key=len, reverse=True))
        self.meta = re.compile(rf"^\W*(?:{meta})\s*:", re.I)
        self.section = re.compile(r"^(\d+(?:\.\d+)*\.?)\s+[A-Z]")
        # an author's note: a superscript or dagger opens it; an asterisk only with an author's
        # words ("* Corresponding author: ...", "* These authors contributed equally"), since
        # "* " opens a Markdown list item as often
        self.affiliation = re.compile(
            r"^(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]|\^\{|†|\*\s.*(?:@|\b(?:authors?|contributed|correspond)))",
            re.I,
        )
        self.dateline = re.compile(f.get("dateline", "x^"))


def _furniture(lex: Lexicon) -> _Furniture:
    """The furniture patterns of a lexicon, compiled once and kept with it."""
    cached = lex.compiled.get("furniture")
    if cached is None:
        cached = lex.compiled["furniture"] = _Furniture(lex)
    return cached  # type: ignore[no-any-return]


def find_furniture(text: str, lex: Lexicon) -> tuple[tuple[int, int], ...]:
    """Spans of page furniture in cleaned text, which extraction skips."""
    f = _furniture(lex)
    spans: list[tuple[int, int]] = []
    lines = Lines(text)
    i = 0
    while i < len(lines):
        s, e, line = lines[i]
        plain = _plain(line)
        if not plain:
            i += 1
            continue
        if plain in f.refs or plain in f.blocks:
            # skip to the next heading or long prose paragraph (refs: to the end of the text)
            j = i + 1
            while j < len(lines):
                nxt = lines[j][2]
                if nxt.startswith("#") and plain not in f.refs:
                    break
                if plain in f.blocks and _plain(nxt) in f.refs | f.blocks:
                    break  # a new furniture block starts: "Related posts" then "References"
                if plain in f.blocks and len(nxt.split()) > 30:
                    break
                j += 1
            spans.append((s, lines[j - 1][1]))
            i = j
            continue
        if (
            f.counter.match(line.strip())
            or plain in f.labels
            or f.meta.match(line)
            or f.affiliation.match(line.strip())
            or ("^{" in line and len(line.split()) <= 8)
        ):
            spans.append((s, e))
        else:
            m = f.section.match(line.strip())
            if m and len(line.split()) <= 12 and not line.rstrip().endswith("."):
                spans.append((s, s + m.end(1)))
            d = f.dateline.match(line)
            if d:
                spans.append((s, s + d.end()))  # "LONDON, March 4 (Reuters) - ": the wire's, not the story's
        i += 1
    return tuple(spans)


def find_title(text: str, lex: Lexicon) -> str | None:
    """The first heading, else the first line that is not a label or metadata."""
    f = _furniture(lex)
    lines = [ln for _, _, ln in Lines(text)[:60]]
    for ln in lines:
        m = re.match(r"^#{1,2}\s+(.+)", ln)
        if m:
            return re.sub(r"[*_`]+", "", m.group(1)).strip() or None
    for ln in lines:
        plain = _plain(ln)
        if not plain or plain in f.labels or f.meta.match(ln) or f.counter.match(ln.strip()):
            continue
        if dated_line(ln, lex) or masthead_date(ln.strip(), lex) or imprint_date(ln):
            continue  # "Published on May 20, 2023", "Herald | May 20, 2023": when, not what
        title = re.sub(r"[*_`]+", "", ln).strip()
        if len(title) > 250 or _PROSE_LINE.search(title):
            return None  # the text starts with its body: several sentences are not a headline
        return title
    return None


_PROSE_LINE = re.compile(r"[.!?]\s+[A-Z].*[.!?][\"'”’)]*$")


def find_published(text: str, lex: Lexicon, title: str | None = None) -> str | None:
    """A publication date the text states ("Published: 21 April 2025"), or None (see
    formats.published for the rules and their order)."""
    return published_date(text, lex, title).date


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)
_C_SAFE_LOADER = getattr(yaml, "CSafeLoader", None)  # libyaml's parser, when PyYAML was built with it
# libyaml and PyYAML's own parser read some corners of YAML differently ("a:\\t", "|#"): libyaml
# is asked only about plain "key: value" text, printable ASCII without YAML's indicators
_NOT_PLAIN = re.compile(r"[^\n -~]|[\\|>&*!%@`{}\[\]#?\t]")


def _yaml(text: str) -> object:
    """`yaml.safe_load(text)`, eight times faster with libyaml's parser (the same constructor
    makes the values) for printable ASCII text, where the two parsers agree; anything else,
    and whatever libyaml cannot read, is left to the pure-Python parser."""
    if _C_SAFE_LOADER is not None and not _NOT_PLAIN.search(text):
        try:
            return yaml.load(text, Loader=_C_SAFE_LOADER)  # (a safe loader)
        except (yaml.YAMLError, ValueError, RecursionError):
            pass
    return yaml.safe_load(text)


FRONT_MATTER_KEYS = ("title", "url", "source_url", "publisher", "author", "published")


def front_matter(text: str) -> tuple[dict[str, str], int]:
    """YAML front matter (between leading --- lines): its known keys, and where it ends."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, 0
    try:
        data = _yaml(m.group(1))
    except (yaml.YAMLError, ValueError, RecursionError):
        # not YAML after all, or YAML no Python value holds (month 13, a 5,000-digit number,
        # thousands of nested brackets): leave the text as it is
        return {}, 0
    if not isinstance(data, dict):
        return {}, 0
    out = {}
    for k in FRONT_MATTER_KEYS:
        v = data.get(k) if k != "published" else data.get("published", data.get("date"))
        if v is None or v == "":
            continue
        out[k] = v.isoformat() if hasattr(v, "isoformat") else str(v).strip()
    if "published" in out and not re.fullmatch(r"\d{4}(-\d{2}){0,2}", out["published"]):
        parsed = parse_date(out["published"])
        if parsed is None:
            del out["published"]  # not a date we can read: say nothing rather than guess
        else:
            out["published"] = parsed
    return out, m.end()


def clean(raw_text: str, path: str, name: str, content_hash: str, lex: Lexicon) -> Document:
    """A Document from decoded text: cleaned, with title, date and furniture spans.

    Front matter in the file wins over what the text states; the front matter itself is
    kept in the text but skipped by extraction."""
    text = clean_text(raw_text)
    fm, fm_end = front_matter(text)
    body = render(text[fm_end:], lex.continuing_words)
    text = text[:fm_end] + body
    title = fm.get("title") or find_title(body, lex)
    stated = Published(fm["published"], "front_matter") if fm.get("published") else published_date(body, lex, title)
    meta = Metadata(
        title=title,
        published=stated.date,
        published_how=stated.how,
        url=fm.get("url") or fm.get("source_url"),
        publisher=fm.get("publisher"),
        author=fm.get("author"),
    )
    skipped = find_furniture(text, lex)
    if fm_end:
        skipped = ((0, fm_end), *skipped)
    return Document(path=path, name=name, content_hash=content_hash, text=text, meta=meta, skipped=skipped)
