"""Paths as people read them: relative to the folder the notes were built from.

``kg build`` records that folder (the deepest one holding every path it was
given) and the folder it ran in, in the graph's meta; answers then show
``001_note.txt:17`` rather than the path as typed on the command line.
"""
from __future__ import annotations

import os

__all__ = ["notes_root", "shown_path"]


def notes_root(paths: list[str], cwd: str | None = None) -> dict[str, str]:
    """The meta entries of a build from ``paths``: ``root`` (the notes folder) and ``built_in`` (the build's folder).

    >>> notes_root(["notes/a", "notes/b/c.md"], cwd="/home/me")
    {'root': '/home/me/notes', 'built_in': '/home/me'}
    """
    cwd = cwd or os.getcwd()
    folders = []
    for given in paths:
        full = os.path.normpath(os.path.join(cwd, given))
        folders.append(full if os.path.isdir(full) or not os.path.splitext(full)[1] else os.path.dirname(full))
    root = os.path.commonpath(folders) if folders else cwd
    return {"root": root, "built_in": cwd}


def shown_path(path: str, meta: dict) -> str:
    """``path`` (as stored: as the build was given it) relative to the notes folder.

    >>> shown_path("notes/b/c.md", {"root": "/home/me/notes", "built_in": "/home/me"})
    'b/c.md'
    >>> shown_path("notes/b/c.md", {})
    'notes/b/c.md'
    """
    root, built_in = meta.get("root"), meta.get("built_in")
    if not root or not built_in:
        return path
    full = os.path.normpath(os.path.join(built_in, path))
    try:
        shown = os.path.relpath(full, root)
    except ValueError:  # another drive on Windows
        return path
    return path if shown.startswith("..") else shown
