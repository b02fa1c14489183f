"""Writing the files crmtui hands out (exports, backups): private (0600) and never half-written.

Data goes to a temporary file beside the target, created 0600 with ``os.open``, flushed to disk
and renamed over the target; a crash leaves either the old file or the new one, never a mix,
and an existing file that was readable by others is replaced by a private one.

A target that exists and is not a regular file (``/dev/null``, a named pipe, ``/dev/stdout``) is
written in place instead: renaming over it would replace a device with a plain file.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from crmtui.errors import InvalidInput


def write_private(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically, mode 0600; returns the absolute path."""
    path = Path(path).expanduser().absolute()
    if path.is_dir():
        raise InvalidInput("path-is-folder", path=path)
    if path.exists() and not stat.S_ISREG(path.stat().st_mode):
        return _write_in_place(path, data)
    parent = path.parent
    if not parent.is_dir():
        raise InvalidInput("no-such-folder", folder=parent)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise InvalidInput("cannot-write-in", folder=parent, reason=exc.strerror) from exc
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise InvalidInput("cannot-write-file", path=path, reason=exc.strerror) from exc
        raise
    return path


def _write_in_place(path: Path, data: bytes) -> Path:
    """Write to a device or pipe as it is (there is nothing to replace atomically)."""
    try:
        with path.open("wb") as fh:
            fh.write(data)
    except OSError as exc:
        raise InvalidInput("cannot-write-file", path=path, reason=exc.strerror) from exc
    return path
