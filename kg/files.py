"""Writing files whole: a reader sees the old file or the new one, never half of one.

Every file kg writes for the user (exports, the HTML page, what was learned)
goes through :func:`write_atomically`, so all get the same permissions: those
of a file the user creates by hand (``0o666`` less the umask, usually 0644).
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["write_atomically"]


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomically(path: str | os.PathLike, data: str | bytes) -> None:
    """Replace ``path`` with ``data`` (text is written as UTF-8); raises ``OSError``.

    >>> import tempfile, pathlib, stat
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> write_atomically(out, "hi")
    >>> out.read_text(), oct(stat.S_IMODE(out.stat().st_mode)) == oct(0o666 & ~_umask())
    ('hi', True)
    """
    target = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    # mkstemp makes the file 0600; give it the mode a plain open() would have
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(raw)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
