"""Ingest: find note files, decode them and turn each into a :class:`Document`.

A note may be Markdown, plain text or a saved web page, in any of the
encodings Chinese notes come in.  Problems with one file never stop a build:
they become :class:`Skip` records the CLI reports, and the other files go on.
"""
from __future__ import annotations

import codecs
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from kg.clean import clean_lines
from kg.htmltext import html_lines
from kg.model import Document

__all__ = [
    "NOTE_SUFFIXES",
    "MAX_FILE_BYTES",
    "IngestError",
    "Skip",
    "NoteFile",
    "find_notes",
    "decode",
    "read_note",
    "read_bytes",
    "parse_note",
]

NOTE_SUFFIXES = frozenset({".md", ".markdown", ".txt", ".text", ".html", ".htm"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
# Larger notes are read only up to this size, so memory stays bounded.
MAX_FILE_BYTES = 20 * 1024 * 1024


class IngestError(Exception):
    """A note that cannot be read; the message says why in a few words."""


@dataclass(frozen=True)
class Skip:
    path: str
    reason: str
    warning: bool = True  # False: an expected skip (an image next to the notes)


@dataclass(frozen=True)
class NoteFile:
    path: Path  # where to read it
    display: str  # how the user named it (relative where they gave it relative)


def find_notes(paths: list[str]) -> tuple[list[NoteFile], list[Skip]]:
    """Expand files and folders (recursively, no symlink loops) into note files.

    Returns the notes in a stable order and the paths skipped with a reason.
    A file named explicitly with an unknown suffix is a warning; one found in
    a folder is skipped quietly.
    """
    notes: list[NoteFile] = []
    skips: list[Skip] = []
    seen: set[tuple[int, int]] = set()
    for given in paths:
        path = Path(given)
        if not path.exists():
            skips.append(Skip(given, "no such file or directory" if not path.is_symlink() else "broken symbolic link"))
        elif path.is_dir():
            _walk(path, notes, skips, seen)
        elif path.suffix.lower() in NOTE_SUFFIXES:
            _add(path, str(path), notes, skips, seen)
        else:
            skips.append(Skip(given, f"not a note file ({path.suffix or 'no suffix'}; kg reads .md, .txt, .html)"))
    return notes, skips


def _walk(root: Path, notes: list[NoteFile], skips: list[Skip], seen: set) -> None:
    visited_dirs: set[tuple[int, int]] = set()
    for folder, dirnames, filenames in os.walk(root, followlinks=True, onerror=None):
        st = os.stat(folder)
        if (st.st_dev, st.st_ino) in visited_dirs:
            skips.append(Skip(folder, "symbolic link loop: folder already visited"))
            dirnames[:] = []
            continue
        visited_dirs.add((st.st_dev, st.st_ino))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(folder, name)
            if name.startswith("."):
                continue
            if path.suffix.lower() not in NOTE_SUFFIXES:
                skips.append(Skip(str(path), "not a note file", warning=False))
                continue
            if not path.exists():
                skips.append(Skip(str(path), "broken symbolic link"))
                continue
            _add(path, str(path), notes, skips, seen)


def _add(path: Path, display: str, notes: list[NoteFile], skips: list[Skip], seen: set) -> None:
    try:
        st = path.stat()
    except OSError as exc:
        skips.append(Skip(display, exc.strerror or str(exc)))
        return
    if (st.st_dev, st.st_ino) in seen:
        return
    seen.add((st.st_dev, st.st_ino))
    notes.append(NoteFile(path, display))


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(raw: bytes) -> str:
    """Decode the bytes of a note: UTF-8 (with or without BOM), UTF-16/32, GB18030, Big5 ….

    Raises :class:`IngestError` for binary data or text in no known encoding.

    >>> decode("批归一化".encode("gb18030"))
    '批归一化'
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError as exc:
                raise IngestError(f"broken {encoding.upper()} text at byte {exc.start}") from None
    if b"\x00" in raw[:8192]:
        utf16 = _sniff_utf16(raw)
        text = raw.decode(utf16, errors="replace") if utf16 else ""
        if not utf16 or not _looks_like_text(text):
            raise IngestError("binary file, not text")
        return text
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_like_text(text):
            return text
        raise IngestError("binary file, not text")
    chinese = _decode_chinese(raw)
    if chinese is not None:
        return chinese
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:262144]).best()
    if best is None or best.encoding is None:
        raise IngestError("cannot decode: unknown text encoding")
    encoding = "gb18030" if best.encoding in ("gb2312", "gbk") else best.encoding
    text = raw.decode(encoding, errors="replace")
    if text.count("\ufffd") > max(8, len(text) // 200):
        raise IngestError(f"cannot decode: looks like {best.encoding} but too many invalid bytes")
    return text


def _common_share(text: str, encoding: str, lead: tuple[int, int]) -> float:
    """Share of the Chinese characters of ``text`` that are everyday ones in ``encoding``
    (GB2312 level 1 or Big5 frequent characters, found by their lead byte)."""
    hanzi = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"][:4000]
    if not hanzi:
        return 0.0
    common = 0
    for ch in hanzi:
        try:
            common += lead[0] <= ch.encode(encoding)[0] <= lead[1]
        except UnicodeEncodeError:
            pass
    return common / len(hanzi)


def _decode_chinese(raw: bytes) -> str | None:
    """GB18030 or Big5, whichever decodes strictly into everyday characters.

    Statistical detectors often take short Chinese text for Korean; the two
    Chinese encodings are tried first and judged by how common the characters
    they give are.
    """
    best, best_score = None, 0.0
    for encoding, table, lead in (("gb18030", "gb2312", (0xB0, 0xD7)), ("big5", "big5", (0xA4, 0xC6))):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _common_share(text, table, lead)
        if score > best_score:
            best, best_score = text, score
    return best if best_score >= 0.6 else None


def _looks_like_text(text: str) -> bool:
    """Few control characters: text, not a binary file that happens to decode."""
    sample = text[:8192]
    if not sample:
        return True
    control = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f\v" or ch == "\ufffd")
    return control / len(sample) < 0.05


def _sniff_utf16(raw: bytes) -> str | None:
    """UTF-16 without a BOM: every other byte of ASCII-range text is NUL."""
    sample = raw[:4096]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / len(sample[0::2])
    odd_nul = sample[1::2].count(0) / len(sample[1::2])
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def read_bytes(note: NoteFile) -> bytes:
    """The bytes of a note (at most :data:`MAX_FILE_BYTES`); raises :class:`IngestError`."""
    try:
        with open(note.path, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except IsADirectoryError:
        raise IngestError("is a directory") from None
    except OSError as exc:
        raise IngestError(exc.strerror or str(exc)) from None
    if not raw.strip():
        raise IngestError("empty file")
    return raw


def parse_note(note: NoteFile, raw: bytes, doc_id: str) -> Document:
    """Decode and clean the bytes of a note; raises :class:`IngestError`."""
    truncated = len(raw) > MAX_FILE_BYTES
    raw = raw[:MAX_FILE_BYTES]
    text = decode(raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if note.path.suffix.lower() in HTML_SUFFIXES or _looks_like_html(text):
        numbered = html_lines(text)
    else:
        numbered = list(enumerate(text.splitlines(), start=1))
    body, sections = clean_lines(numbered)
    title = next((s.title for s in sections), None) or next((ln.text[:80] for ln in body), None)
    return Document(
        id=doc_id,
        path=note.display,
        sha256=hashlib.sha256(raw).hexdigest(),
        lines=len(text.splitlines()),
        title=title + " (truncated)" if truncated and title else title,
        body=body,
        sections=sections,
    )


def read_note(note: NoteFile, doc_id: str) -> Document:
    """Read, decode and clean one note; raises :class:`IngestError`."""
    return parse_note(note, read_bytes(note), doc_id)


def _looks_like_html(text: str) -> bool:
    head = text[:1024].lstrip().lower()
    return head.startswith("<!doctype html") or head.startswith("<html")
