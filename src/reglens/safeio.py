"""Reading and writing files in folders other people can write.

A shared index or library may hold a FIFO where a file should be (opening it
blocks forever), a link to /dev/zero (reading never ends), or a planted link
where a temporary file is about to be written (the write lands elsewhere).
Every read here opens without blocking, checks on the open handle that it is a
regular file and stops at a size bound; every write goes to a fresh name
created exclusively, never through an existing link.
"""

from __future__ import annotations

import json
import os
import secrets
import stat
import unicodedata
from pathlib import Path


class NotARegularFile(OSError):
    """A FIFO, device, socket or folder where a file was expected."""


class FileTooLarge(OSError):
    """Bigger than the caller's bound."""


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def read_regular(path: Path, max_bytes: int, follow_links: bool = True) -> bytes:
    """The bytes of a regular file, never blocking on a FIFO or reading a device."""
    try:
        st = os.stat(path) if follow_links else os.lstat(path)
    except ValueError as exc:  # NUL in the name
        raise FileNotFoundError(str(exc)) from None
    if not stat.S_ISREG(st.st_mode):  # sockets and devices are refused before any open
        raise NotARegularFile(f"{path} is not a regular file")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not follow_links:
        flags |= _NOFOLLOW
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)  # the file actually opened, not the one checked a moment ago
        if not stat.S_ISREG(st.st_mode):
            raise NotARegularFile(f"{path} is not a regular file")
        if st.st_size > max_bytes:
            raise FileTooLarge(f"{st.st_size} bytes")
        chunks, total = [], 0
        while True:
            block = os.read(fd, 1 << 20)
            if not block:
                break
            total += len(block)
            if total > max_bytes:  # grew while being read
                raise FileTooLarge(f"more than {max_bytes} bytes")
            chunks.append(block)
        return b"".join(chunks)
    finally:
        os.close(fd)


def is_regular(path: Path) -> bool:
    """A regular file that is not a link (lstat: nothing is followed)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except (OSError, ValueError):
        return False


def write_json(path: Path, data: object) -> None:
    """Write ``path`` atomically through a fresh, exclusively created temporary file."""
    tmp = path.with_name(f"{path.name}.{secrets.token_hex(4)}.part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_BINARY", 0), 0o644)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=1)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def loads(raw: bytes) -> object:
    """JSON from untrusted bytes; every way it can fail is a ValueError."""
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, RecursionError) as exc:  # JSONDecodeError and int limits are ValueErrors
        raise ValueError(str(exc) or type(exc).__name__) from None


def printable(text: str) -> str:
    """Text safe to print on a terminal: control characters (escape sequences) shown as �.

    Spaces stay spaces: str.isprintable() calls every space but " " unprintable, and
    `reglens index info` showed 「別表第一�医科診療報酬点数表」 for the ideographic space
    (U+3000) Japanese titles are full of (user test 5)."""
    return "".join(c if c.isprintable() or c == "\t" or unicodedata.category(c) == "Zs" else "\ufffd"
                   for c in text.encode("utf-8", "replace").decode("utf-8"))
