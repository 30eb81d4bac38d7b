"""Where a page's ``file:line`` links lead: the notes, seen from the page.

The store keeps each document's path as it was given to ``kg build``
(relative paths relative to the folder the build ran in, which the build
records as ``base_dir``). A page links to a note by its path relative to
the page's own folder, so a page written next to the notes keeps working
when the folder moves; when the note lies in an Obsidian vault (a folder
with an ``.obsidian/`` folder), the link opens it in Obsidian instead.

Every link is percent-encoded here: a note called ``javascript:x.md`` gives
the relative link ``javascript%3Ax.md``, never a script URL.
"""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

__all__ = ["note_links", "note_link", "obsidian_vault"]

OBSIDIAN_FOLDER = ".obsidian"


def obsidian_vault(note: Path, known: dict[Path, Path | None] | None = None) -> Path | None:
    """The Obsidian vault folder that holds ``note``, or None.

    ``known`` caches answers per folder across calls (many notes share one).

    >>> obsidian_vault(Path("/nonexistent/notes/a.md")) is None
    True
    """
    known = {} if known is None else known
    visited = []
    vault = None
    for folder in note.parents:
        if folder in known:
            vault = known[folder]
            break
        visited.append(folder)
        if (folder / OBSIDIAN_FOLDER).is_dir():
            vault = folder
            break
    for folder in visited:  # all at or below the vault, if there is one
        known[folder] = vault
    return vault


def note_link(note: Path, page_folder: Path, vault: Path | None = None) -> str:
    """The link from a page in ``page_folder`` to the (absolute) ``note``.

    >>> note_link(Path("/n/ml/lora.md"), Path("/n/site"))
    '../ml/lora.md'
    >>> note_link(Path("/v/ml/lo ra.md"), Path("/out"), vault=Path("/v"))
    'obsidian://open?vault=v&file=ml%2Flo%20ra.md'
    """
    if vault is not None:
        inside = note.relative_to(vault).as_posix()
        return f"obsidian://open?vault={quote(vault.name, safe='')}&file={quote(inside, safe='')}"
    try:
        relative = os.path.relpath(note, page_folder)
    except ValueError:  # another drive (Windows): no relative path exists
        return note.as_uri()
    return quote(Path(relative).as_posix(), safe="/")


def note_links(documents: list[dict], page: str | Path, base_dir: str | Path | None = None) -> dict[str, str]:
    """Document id -> link from ``page`` to the note, for every document.

    Parameters
    ----------
    documents : list of dict
        The export's documents (``id``, ``path``).
    page : str or Path
        Where the page is written.
    base_dir : str or Path, optional
        The folder relative document paths start from (where ``kg build``
        ran); the current folder when not known.
    """
    base = Path(base_dir) if base_dir else Path.cwd()
    page_folder = Path(os.path.abspath(page)).parent
    vaults: dict[Path, Path | None] = {}
    links = {}
    for doc in documents:
        path = doc.get("path")
        if not isinstance(path, str) or not path:
            continue
        note = Path(os.path.abspath(base / path))
        links[doc["id"]] = note_link(note, page_folder, obsidian_vault(note, vaults))
    return links
