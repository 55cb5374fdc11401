"""Reading: find the documents under the paths a user gives, and decode their bytes.

This is the pipeline's only stage that touches the file system. `decode` is pure.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from claimcheck.errors import ReadError
from claimcheck.formats import READERS, as_text, reader_for
from claimcheck.model import RawDocument

SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", *READERS})
MANIFEST = "sources.csv"  # a folder's metadata for its documents, not a document
# Larger documents are refused with a message rather than read: cleaning and extraction hold
# a few copies of the text, and this keeps one ingest process well under 300 MB.
MAX_BYTES = 16 * 1024 * 1024
# a multi-byte UTF-8 sequence: its presence means the file was meant as UTF-8
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x7fELF", b"\x1f\x8b")


@dataclass(frozen=True)
class Found:
    """A path to ingest, or the reason a named path cannot be."""

    path: Path
    error: ReadError | None = None


def discover(paths: list[str]) -> Iterator[Found]:
    """Documents under `paths`: files as named, directories walked recursively (sorted); a
    folder that cannot be read, or a named path that cannot be reached, comes with its error."""
    for raw in paths:
        p = Path(raw)
        try:
            missing = not p.exists() and not p.is_symlink()
            folder = not missing and p.is_dir()
        except OSError as e:  # a file inside a folder the user may not enter
            advice = "make the folders it is in readable" if isinstance(e, PermissionError) else "check the path"
            yield Found(p, ReadError(path_text(raw), _reason(e), advice))
            continue
        if missing:
            yield Found(p, ReadError(path_text(raw), "no such file or directory", "check the path"))
        elif folder:
            yield from _documents_in(p, path_text(raw))
        else:
            yield Found(p)


def _documents_in(folder: Path, shown: str) -> Iterator[Found]:
    """The documents in a folder and the subfolders that could not be read; an error if there
    is neither."""
    found = False
    for f in _walk(folder):
        if f.error is not None or f.path.suffix.lower() in SUFFIXES:
            found = True
            yield f
    if not found:
        yield Found(
            folder,
            ReadError(
                shown,
                "no readable documents in this directory",
                "claimcheck reads " + ", ".join(sorted(SUFFIXES)) + " files",
            ),
        )


def _walk(folder: Path) -> Iterator[Found]:
    """Every file under `folder` that is not hidden, sorted, each directory once (a link
    back up the tree is not followed round), and every folder that could not be listed."""
    seen: set[tuple[int, int]] = set()
    unreadable: list[OSError] = []  # os.walk reports a folder it cannot list here, and goes on
    for root, dirs, files in os.walk(folder, onerror=unreadable.append, followlinks=True):
        yield from _unreadable_folders(unreadable)
        st = os.stat(root)
        if (st.st_dev, st.st_ino) in seen:
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if not f.startswith("."):
                yield Found(Path(root) / f)
    yield from _unreadable_folders(unreadable)


def _unreadable_folders(errors: list[OSError]) -> Iterator[Found]:
    for e in errors:
        where = e.filename if e.filename is not None else "?"
        yield Found(Path(where), ReadError(path_text(where), f"folder {_reason(e)}", "make it readable"))
    errors.clear()


def _reason(e: OSError) -> str:
    """What the OS said, in the words the other read errors use."""
    if isinstance(e, PermissionError):
        return "cannot be read: permission denied"
    return f"cannot be read: {(e.strerror or str(e)).lower()}"


def passed_over(paths: list[str]) -> Iterator[Path]:
    """Files in the folders among `paths` that are not read for their kind (".png", ".docx"):
    what a user should hear of, as they are otherwise passed over quietly."""
    for raw in paths:
        p = Path(raw)
        try:
            folder = p.is_dir()
        except OSError:  # discover reports it
            continue
        if folder:
            for f in _walk(p):
                if f.error is None and f.path.suffix.lower() not in SUFFIXES and f.path.name != MANIFEST:
                    yield f.path


def path_text(path: Path | str) -> str:
    """A path as text that can be stored and printed. A file name that is not UTF-8 (common in
    old archives) comes from the OS with surrogate escapes, which no database column or
    terminal accepts; its bad bytes are written as escapes instead ("bad\\xff.txt"), the same
    way every time, so the file keeps one identity."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def read(path: Path) -> RawDocument:
    """The bytes of one document; raises ReadError for anything a user must fix."""
    shown = path_text(path)
    try:
        before = path.stat()
        if not stat.S_ISREG(before.st_mode) and not stat.S_ISDIR(before.st_mode):
            # a named pipe would block the ingest until something writes to it
            raise ReadError(shown, "is not a regular file (a pipe, socket or device)", "copy its content into a file")
        if before.st_size > MAX_BYTES:
            raise ReadError(
                shown,
                f"file is too large ({before.st_size / 2**20:.0f} MiB)",
                f"split it into files under {MAX_BYTES // 2**20} MiB",
            )
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
        after = path.stat()
    except ReadError:
        raise
    except IsADirectoryError:
        raise ReadError(shown, "is a directory", "name the directory itself to read it") from None
    except PermissionError:
        raise ReadError(shown, "permission denied", "make the file readable") from None
    except OSError as e:
        if e.errno == 40:  # ELOOP: a symlink loop
            raise ReadError(shown, "is a symbolic link loop", "point the link at a real file") from None
        raise ReadError(shown, e.strerror or str(e), "check the path") from None
    if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns) or len(data) != after.st_size:
        raise ReadError(shown, "changed while it was being read", "ingest it again once writing has finished")
    try:
        key = path_text(path.resolve())
    except (OSError, RuntimeError):  # a link changed into a loop since it was read
        key = path_text(path.absolute())
    return RawDocument(path=shown, name=path_text(path.name), data=data, key=key)


def content_hash(data: bytes) -> str:
    """A document's identity: the SHA-256 of its bytes."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Decoded:
    """A document's text, and the bytes of a UTF-8 file that were not UTF-8 and were repaired."""

    text: str
    repaired: int = 0  # how many bytes
    offsets: tuple[int, ...] = ()  # the first few of them, as byte offsets into the file

    def warning(self, path: str) -> str | None:
        """What a user should hear of the repair, naming the file and where; None if none."""
        if not self.repaired:
            return None
        where = ", ".join(map(str, self.offsets))
        if self.repaired > len(self.offsets):
            where += f" and {self.repaired - len(self.offsets)} more"
        plural = "s" if self.repaired > 1 else ""
        return (
            f"{path}: {self.repaired} byte{plural} not UTF-8 (at byte offset{plural} {where}), read as Windows-1252"
            " where that gives text and as U+FFFD where not (check those places, or re-save the file as UTF-8)"
        )


OFFSETS_SHOWN = 5  # repaired bytes whose offsets a warning names
# what no text holds much of: control characters other than whitespace, and what could not be decoded
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
_ESCAPED = re.compile("[\udc80-\udcff]+")  # bytes that were not UTF-8, as surrogateescape keeps them


def decode(raw: RawDocument) -> str:
    """Text from bytes: BOMs honoured, UTF-8 first, then Windows-1252 / Latin-1 (see decoded)."""
    return decoded(raw).text


def decoded(raw: RawDocument) -> Decoded:
    """Text from bytes: BOMs honoured, UTF-8 first, then Windows-1252 / Latin-1 for a file with
    no UTF-8 in it; a UTF-8 file with some bytes that are not is repaired (see _repaired).
    An HTML page or a PDF is read by its reader (claimcheck.formats) into Markdown with
    front matter. Raises ReadError for binary, empty and undecodable files."""
    if raw.data.strip() and (reader := reader_for(raw)) is not None:  # an empty file is "empty", whatever its kind
        return Decoded(as_text(reader(raw)))
    return decoded_text(raw)


def decoded_text(raw: RawDocument) -> Decoded:
    """`decoded` for bytes that are text whatever the file's name says (see decoded)."""
    data = raw.data
    if any(data.startswith(m) for m in _BINARY_MAGIC):
        raise ReadError(raw.path, "looks like a binary file, not text", "convert it to .txt or .md first")
    if (text := _wide_with_bom(raw)) is not None:
        return Decoded(text)
    sample = data[:65536]
    if sample.count(b"\x00") > max(1, len(sample) // 100):
        raise ReadError(raw.path, "contains NUL bytes, so it is binary or UTF-16 without a BOM", "re-save it as UTF-8")
    text = (result := _text_of(data, raw.path)).text.removeprefix("\ufeff")
    if not text.strip():
        raise ReadError(
            raw.path, "is empty" if not text else "holds only whitespace", "nothing to ingest; remove it or add text"
        )
    return replace(result, text=text.replace("\x00", ""))


def _text_of(data: bytes, path: str) -> Decoded:
    """UTF-8 (a byte-order mark is left for the caller), else Windows-1252 for a file with no
    UTF-8 in it, else UTF-8 repaired: real UTF-8 sequences next to invalid bytes are a UTF-8
    file with some damage or pasted Windows-1252, not a legacy one. Raises ReadError if what
    comes out is mostly not text."""
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    result = _repaired(data) if _UTF8_SEQUENCE.search(data) else Decoded(_legacy(data))
    if len(_NOT_TEXT.findall(result.text)) > len(result.text) // 20:
        raise ReadError(
            path,
            "looks like a binary file, not text (much of it decodes to control characters in any encoding)",
            "convert it to .txt or .md first",
        )
    return result


def _wide_with_bom(raw: RawDocument) -> str | None:
    """The text of a UTF-16 or UTF-32 file with a byte-order mark; None without one."""
    data = raw.data
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16's: it starts with UTF-16 LE's mark
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):  # (a UTF-8 mark is read as UTF-8 is, repaired if it must be)
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                raise ReadError(
                    raw.path, f"has a {enc} byte-order mark but is not valid {enc}", "re-save it as UTF-8"
                ) from None
    return None


def _legacy(data: bytes) -> str:
    """A file with no UTF-8 in it: Windows-1252, the usual legacy encoding of English text,
    or Latin-1 when a byte is one Windows-1252 leaves undefined."""
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _repaired(data: bytes) -> Decoded:
    """A UTF-8 file with bytes that are not UTF-8: the valid runs read as UTF-8, each run of
    invalid bytes as Windows-1252 (a quote or accent pasted from a Windows program, the usual
    cause), U+FFFD for a byte Windows-1252 leaves undefined. One pass, linear in the size."""
    text = data.decode("utf-8", "surrogateescape")
    parts: list[str] = []
    offsets: list[int] = []
    repaired = pos = byte = 0
    for m in _ESCAPED.finditer(text):
        byte += len(text[pos : m.start()].encode("utf-8"))  # valid UTF-8 encodes back to its own bytes
        bad = m.group().encode("utf-8", "surrogateescape")
        offsets.extend(range(byte, byte + min(len(bad), OFFSETS_SHOWN - len(offsets))))
        parts += [text[pos : m.start()], bad.decode("cp1252", "replace")]
        repaired += len(bad)
        byte += len(bad)
        pos = m.end()
    parts.append(text[pos:])
    return Decoded("".join(parts), repaired, tuple(offsets))
