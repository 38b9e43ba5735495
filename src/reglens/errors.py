"""Typed errors the faces (CLI, GUI) turn into plain-language messages."""


class RegLensError(Exception):
    """Base for errors whose message is meant for the user as it stands."""


class Cancelled(RegLensError):
    """The user stopped a long job; callers swallow it quietly."""


class IndexMissing(RegLensError):
    """No published index at the given location."""


class IndexDamaged(RegLensError):
    """The index on disk fails verification; a restore or a rebuild is needed."""


# what the command line tells whoever meets a damaged index (the app offers both as buttons);
# BUILD alone where restoring cannot help (no previous version, it is damaged too, an old format)
BUILD = "rebuild it with 'reglens index build'"
REBUILD = f"restore the previous version with 'reglens index restore' or {BUILD}"


class IndexBusy(RegLensError):
    """Another process is writing this index."""


class IndexReadOnly(IndexBusy):
    """The index folder cannot be written from here (a read-only share, no permission).

    A kind of IndexBusy (no write can start, callers that catch that still do), but with its
    own message: user test 5 read "another RegLens is writing" for a read-only folder, which
    sends IT staff to wait for a writer that does not exist."""


class DiskFull(RegLensError):
    """The disk holding the index ran out of space while a version was written.

    Said as such: the write's own error is numpy's "34176 requested and 5088 written" or an
    errno with no file name, which told IT nothing (user test 6). The published index is
    untouched and the half-written version is removed."""

    def __init__(self, message: str, free_mb: float):
        super().__init__(message)
        self.free_mb = free_mb


class ModelUnavailable(RegLensError):
    """The configured embedding model cannot be loaded offline."""


class QueryTooLong(RegLensError):
    """A question longer than search accepts."""
