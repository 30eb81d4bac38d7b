"""What the user has learned, kept next to the embedded store's graph.

``<store>/learned.json`` is not touched by ``kg build`` (which replaces
``graph.sqlite``), so it survives rebuilds.  Each entry keeps the concept's id
and name: a rebuild that renames a concept's id still finds it by name.
Writes are atomic and serialised by a lock file.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from kg.files import write_atomically
from kg.store.embedded import StoreError

__all__ = ["LearnedFile"]

FORMAT = 1


class LearnedFile:
    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self.file = self.folder / "learned.json"

    def read(self) -> list[tuple[str, str]]:
        """``(id, name)`` of every learned concept, ordered by id."""
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as exc:
            raise StoreError(f"{self.file}: cannot read what you have learned ({exc}); fix or delete the file") from None
        entries = data.get("learned") if isinstance(data, dict) else None
        if not isinstance(entries, list) or not all(isinstance(e, dict) and {"id", "name"} <= e.keys() for e in entries):
            raise StoreError(f"{self.file}: not a list of learned concepts; fix or delete the file")
        return sorted((str(e["id"]), str(e["name"])) for e in entries)

    def update(self, add: list[tuple[str, str]], remove: set[str]) -> None:
        """Add ``(id, name)`` entries and remove the entries with the ids in ``remove``, in one write."""
        from filelock import FileLock, Timeout

        try:
            with FileLock(str(self.folder / "learned.lock"), timeout=10):
                entries = {cid: name for cid, name in self.read() if cid not in remove}
                entries.update(add)
                self._write([{"id": cid, "name": name} for cid, name in sorted(entries.items())])
        except Timeout:
            raise StoreError(f"{self.folder}: another kg command is writing what you have learned; try again") from None
        except OSError as exc:
            raise StoreError(f"{self.file}: cannot write: {exc.strerror}") from None

    def _write(self, entries: list[dict]) -> None:
        write_atomically(self.file, json.dumps({"format": FORMAT, "learned": entries}, ensure_ascii=False, indent=1) + "\n")
