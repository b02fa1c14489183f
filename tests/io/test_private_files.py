"""Where exports go: a private file written whole, and a device or pipe left what it is."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

from crmtui.services.common.files import write_private


def test_an_export_replaces_a_regular_file_with_a_private_one(tmp_path: Path) -> None:
    target = tmp_path / "week.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    write_private(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_writing_to_a_device_keeps_the_device(tmp_path: Path) -> None:
    """``crm report pareto -o /dev/null`` must not turn /dev/null into a plain file (an atomic
    rename over it would); here through a link to it, which is followed to the device."""
    link = tmp_path / "sink"
    link.symlink_to(os.devnull)
    write_private(link, b"report")
    assert link.is_symlink()
    assert stat.S_ISCHR(Path(os.devnull).stat().st_mode)


def test_writing_to_a_named_pipe_feeds_the_reader(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    write_private(pipe, b"rows")
    reader.join(timeout=10)
    assert received == [b"rows"]
    assert stat.S_ISFIFO(pipe.stat().st_mode)
