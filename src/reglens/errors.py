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


class ModelUnavailable(RegLensError):
    """The configured embedding model cannot be loaded offline."""


class QueryTooLong(RegLensError):
    """A question longer than search accepts."""
