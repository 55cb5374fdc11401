"""HTML pages: the main text as Markdown, and the page's title, date, author and address.

trafilatura does the work: it drops navigation, scripts, styles, headers, footers and
sidebars, keeps headings, paragraphs, lists and tables (as Markdown pipe tables, which the
table reader reads), and finds the metadata in `<title>`/`og:title`/`<h1>`,
`article:published_time`/`<time datetime>`/JSON-LD `datePublished`, the byline, and
`<link rel=canonical>`/`og:url`. It is handed bytes, never a URL, so it fetches nothing.
"""

from __future__ import annotations

import re

from claimcheck.errors import ReadError
from claimcheck.formats import Converted

# htmldate compares dates against a latest allowed one, by default today: a fixed bound keeps
# the reading free of the clock (a page dated tomorrow by its time zone still has its date).
_DATE_PARAMS = {"original_date": True, "extensive_search": False, "max_date": "2099-12-31"}
_ISO_DATE = re.compile(r"\d{4}(?:-\d{2}){0,2}")


def read_html(data: bytes, path: str) -> Converted:
    """The main text of a page as Markdown, with its metadata (front matter's keys).

    Raises ReadError when the page holds no text to read."""
    text = _main_text(data)
    if not text:  # a fragment ("<p>...</p>" alone): trafilatura asks for it to be wrapped first
        from trafilatura.utils import decode_file

        text = _main_text(f"<div>{decode_file(data)}</div>")
    if not text or not text.strip():
        raise ReadError(
            path,
            "holds no text to read (no article or paragraphs found in the page)",
            "save the page's text as .txt, or check it is the page and not a redirect or script shell",
        )
    return Converted(_tidy(text), _metadata(data))


def _main_text(page: bytes | str) -> str | None:
    """trafilatura's main text of a page, as Markdown; None if it found none."""
    import trafilatura

    return trafilatura.extract(  # type: ignore[no-any-return]
        page,
        output_format="markdown",
        include_tables=True,
        include_formatting=True,  # headings as "#" (emphasis too, which the Markdown reader drops)
        include_links=False,
        include_images=False,
        include_comments=False,  # readers' comments are not the page's claims
        date_extraction_params=_DATE_PARAMS,
        deduplicate=False,
    )


def _metadata(data: bytes) -> dict[str, str]:
    """The page's metadata under front matter's keys; what the page does not state is left out."""
    from trafilatura.metadata import extract_metadata

    found = extract_metadata(data, date_config=_DATE_PARAMS, extensive=False)
    if found is None:
        return {}
    date = found.date if found.date and _ISO_DATE.fullmatch(found.date) else None
    fields = {
        "title": found.title,
        "url": found.url,
        "publisher": found.sitename,
        "author": found.author,
        "published": date,
    }
    return {k: " ".join(v.split()) for k, v in fields.items() if v and v.strip()}


_TRAILING_CELL = re.compile(r"\|[ \t]+$", re.M)


def _tidy(text: str) -> str:
    """trafilatura's Markdown with the spaces it leaves after a table row's last bar gone."""
    return _TRAILING_CELL.sub("|", text).strip() + "\n"
