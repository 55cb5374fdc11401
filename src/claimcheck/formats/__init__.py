"""Readers for documents that are not plain text: HTML pages and PDFs.

Each reader turns a file's bytes into Markdown-like text (headings as `#`, paragraphs apart,
list items as `- `, tables as pipe tables) and what the file says about itself (title,
date, author, address). `as_text` writes that metadata as YAML front matter before the text,
so cleaning reads it exactly as it reads a Markdown file's own front matter, and the stored
text shows where the title and date came from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath

import yaml

from claimcheck.model import RawDocument


@dataclass(frozen=True)
class Converted:
    """A document's text as Markdown, and its metadata under front matter's keys."""

    text: str
    meta: dict[str, str] = field(default_factory=dict)


def _html(raw: RawDocument) -> Converted:
    from claimcheck.formats.html import read_html  # lxml and trafilatura load only when a page is read

    return read_html(raw.data, raw.path)


def _pdf(raw: RawDocument) -> Converted:
    from claimcheck.formats.pdf import read_pdf

    return read_pdf(raw.data, raw.path)


READERS: dict[str, Callable[[RawDocument], Converted]] = {".html": _html, ".htm": _html, ".pdf": _pdf}


def reader_for(raw: RawDocument) -> Callable[[RawDocument], Converted] | None:
    """The reader of a file of this kind (by its name's suffix); None for text files."""
    return READERS.get(PurePath(raw.name).suffix.lower())


def as_text(converted: Converted) -> str:
    """The text with its metadata as YAML front matter, as a Markdown file would carry it.

    >>> as_text(Converted("Body.\\n", {"title": "A: B"}))
    "---\\ntitle: 'A: B'\\n---\\nBody.\\n"
    """
    meta = {k: v for k, v in converted.meta.items() if v}
    if not meta:
        return converted.text
    # safe_dump quotes what YAML would misread (a title with ": ", a date-like string)
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{head}---\n{converted.text}"
