"""Writing files so that nothing is ever half-written, and where refcheck keeps its caches.

Every file refcheck writes — a fixed draft, the ``-o`` report, a baseline, the result cache,
the vocabulary, rules, catalog and key caches — goes through :func:`write_atomic` or
:class:`AtomicFile`: the bytes go to a temporary file in the target's own folder (same file
system, so the rename is atomic), which is renamed over the target only once it is whole. A
process killed mid-write leaves the old file intact and at worst a stray
``.<name>.*.refcheck-tmp`` beside it. A symbolic link is kept: its target is replaced. A
device or a FIFO (``/dev/null``, ``/dev/stdout``) is never replaced: it is written into when
the caller allows it (reports), refused otherwise.

The module sits below every stage (it imports only the standard library), so the catalog,
the vocabulary and the command line share one implementation and one cache root.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import IO, Callable, Optional, Union

PathLike = Union[str, "os.PathLike[str]"]
TMP_SUFFIX = ".refcheck-tmp"


# ---------------------------------------------------------------------------------------------
# Hashes
# ---------------------------------------------------------------------------------------------
def sha256(data: bytes = b""):
    """``hashlib.sha256`` from CPython's own module when it has one: importing ``hashlib``
    starts OpenSSL (about 3 % of a cached run's start-up), and these digests are the same."""
    return _hash("sha256")(data)


def blake2b(data: bytes, digest_size: int):
    """``hashlib.blake2b``, likewise."""
    return _hash("blake2b")(data, digest_size=digest_size)


_HASHES: dict = {}


def _hash(name: str):
    f = _HASHES.get(name)
    if f is None:
        try:
            if name == "sha256":
                try:
                    from _sha2 import sha256 as f  # Python 3.12+
                except ImportError:
                    from _sha256 import sha256 as f  # type: ignore[no-redef]
            else:
                from _blake2 import blake2b as f
        except ImportError:  # pragma: no cover - another Python
            import hashlib

            f = getattr(hashlib, name)
        _HASHES[name] = f
    return f


# ---------------------------------------------------------------------------------------------
# The code a cache entry was made by
# ---------------------------------------------------------------------------------------------
_CODE_SUFFIXES = (".py", ".lark", ".yaml")


def code_stamp(*folders: str) -> str:
    """Names, sizes and modification times of refcheck's own code and data files (``.py``,
    ``.lark``, ``.yaml``) under ``folders`` of the package, or all of it: what a cache made by
    that code is keyed by, so that a checkout changing code without a version or schema bump
    never meets entries the old code made. ``os.scandir`` and ``stat`` only (every run pays
    for it): no file is read."""
    package = os.path.dirname(os.path.realpath(__file__))
    found: list[str] = []

    def walk(folder: str, rel: str) -> None:
        with os.scandir(folder) as it:
            for e in it:
                if e.is_dir(follow_symlinks=False):
                    if e.name != "__pycache__":  # holds only .pyc
                        walk(e.path, rel + e.name + "/")
                elif e.name.endswith(_CODE_SUFFIXES):
                    st = e.stat()
                    found.append(f"{rel}{e.name}:{st.st_size}:{st.st_mtime_ns}")

    for sub in folders or ("",):
        try:
            walk(os.path.join(package, sub), sub + "/" if sub else "")
        except OSError:
            found.append(f"{sub or package}:?")
    return "\n".join(sorted(found))


# ---------------------------------------------------------------------------------------------
# The cache root
# ---------------------------------------------------------------------------------------------
def cache_root() -> Path:
    """Where refcheck caches what it builds (vocabulary, grammar tables, catalog indexes,
    results): ``$REFCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/refcheck``, else
    ``~/.cache/refcheck``. Not created."""
    base = os.environ.get("REFCHECK_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg) / "refcheck" if xdg else Path.home() / ".cache" / "refcheck"


def cache_dir() -> Optional[Path]:
    """:func:`cache_root`, created; None when it cannot be (then nothing is cached: an
    unwritable cache only makes refcheck slower, never wrong)."""
    p = cache_root()
    try:
        p.mkdir(parents=True, exist_ok=True)
        return p
    except OSError:
        return None


def cache_file(name: str) -> Optional[Path]:
    """``cache_dir() / name``, or None without a usable cache directory."""
    d = cache_dir()
    return None if d is None else d / name


# ---------------------------------------------------------------------------------------------
# Atomic writes
# ---------------------------------------------------------------------------------------------
def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask  # what open() would have made


# ---------------------------------------------------------------------------------------------
# Reading what the user names: a catalog, a configuration, a baseline
# ---------------------------------------------------------------------------------------------
#: Larger than any real file of its kind by far (the default catalog is 4 MB): what stops a
#: device or pipe that never ends (``--catalog /dev/zero``) before it fills the memory.
MAX_CATALOG_BYTES = 512 << 20
MAX_CONFIG_BYTES = 16 << 20
MAX_BASELINE_BYTES = 512 << 20


def read_capped(path: PathLike, limit: int) -> bytes:
    """The bytes of ``path``; ``OSError(EFBIG)`` past ``limit`` bytes instead of reading on:
    ``/dev/zero`` or an endless pipe named as a catalog ended in a MemoryError traceback, or
    in the kernel killing the run. A FIFO or ``/dev/stdin`` is read (``--catalog <(…)``)."""
    import errno

    with open(path, "rb") as fh:
        st = os.fstat(fh.fileno())
        if stat.S_ISREG(st.st_mode) and st.st_size <= limit:
            return fh.read()
        parts, n = [], 0
        while n <= limit:
            part = fh.read(min(1 << 20, limit + 1 - n))
            if not part:
                return b"".join(parts)
            parts.append(part)
            n += len(part)
    raise OSError(errno.EFBIG, os.strerror(errno.EFBIG), os.fspath(path))


def is_special(path: PathLike) -> bool:
    """Whether ``path`` exists and is not a regular file (a device, a FIFO)."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


class AtomicFile:
    """A file written in pieces and put in place whole: :meth:`commit` renames the temporary
    file over the target, :meth:`discard` (an error, Ctrl-C) removes it and leaves the target
    as it was. ``fh`` is a text stream (UTF-8, no newline translation) or, with
    ``binary=True``, a byte stream.

    ``into_special``: a device or FIFO target is opened and written into (reports to
    ``/dev/null``); otherwise it is refused with ``OSError``. ``durable``: fsync the file
    before the rename and the folder after it (drafts, reports, baselines; caches skip it).
    The new file keeps the mode bits (and owner, when allowed) of the file it replaces.
    """

    def __init__(self, path: PathLike, *, binary: bool = False, durable: bool = True,
                 into_special: bool = False) -> None:
        self.fh: IO
        self.target = os.path.realpath(os.fspath(path))  # through a link, to its target
        self.durable = durable
        self.tmp: Optional[str] = None
        self.direct = False
        try:
            st: Optional[os.stat_result] = os.stat(self.target)
        except FileNotFoundError:
            st = None
        if st is not None and not stat.S_ISREG(st.st_mode):
            if not into_special:
                raise OSError(22, "not a regular file (a device or a FIFO is never replaced)",
                              self.target)
            self.direct = True
            self.fh = (open(self.target, "wb") if binary
                           else open(self.target, "w", encoding="utf-8", newline=""))
            return
        folder = os.path.dirname(self.target) or "."
        fd, self.tmp = _mkstemp(folder, os.path.basename(self.target))
        try:
            if st is not None:
                os.fchmod(fd, stat.S_IMODE(st.st_mode))
                try:
                    os.fchown(fd, st.st_uid, st.st_gid)
                except (OSError, AttributeError):
                    pass
            else:
                os.fchmod(fd, _default_mode())
            # bytes go straight to the descriptor (see write); text through a buffer
            self.fh = os.fdopen(fd, "wb", buffering=0) if binary else \
                os.fdopen(fd, "w", encoding="utf-8", newline="")
        except BaseException:
            os.close(fd)
            self._unlink()
            raise

    def write(self, data) -> None:
        if isinstance(data, str) or self.direct:
            self.fh.write(data)
            return
        fd, view = self.fh.fileno(), memoryview(data)
        while view:  # os.write may write less than asked
            view = view[os.write(fd, view):]

    def commit(self, before_replace: Optional[Callable[[], None]] = None) -> None:
        """Put the file in place. ``before_replace`` runs after the data is on disk and right
        before the rename (a last check that the target was not changed meanwhile); if it
        raises, nothing is replaced."""
        try:
            if self.direct:
                self.fh.close()
                return
            self.fh.flush()
            if self.durable:
                os.fsync(self.fh.fileno())
            self.fh.close()
            if before_replace is not None:
                before_replace()
            os.replace(self.tmp, self.target)
            self.tmp = None
        except BaseException:
            self.discard()
            raise
        if self.durable:
            _fsync_dir(os.path.dirname(self.target) or ".")

    def discard(self) -> None:
        try:
            if not self.fh.closed:
                self.fh.close()
        except OSError:
            pass
        self._unlink()

    def _unlink(self) -> None:
        if self.tmp is not None:
            try:
                os.unlink(self.tmp)
            except OSError:
                pass
            self.tmp = None

    def __enter__(self) -> "AtomicFile":
        return self

    def __exit__(self, kind, value, tb) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()


def write_atomic(path: PathLike, data: Union[bytes, str], *, durable: bool = True,
                 into_special: bool = False,
                 before_replace: Optional[Callable[[], None]] = None) -> None:
    """Replace ``path`` with ``data`` (bytes, or text written as UTF-8) all at once; see
    :class:`AtomicFile`. On any error the original is untouched and ``OSError`` (or what
    ``before_replace`` raised) propagates."""
    f = AtomicFile(path, binary=isinstance(data, bytes), durable=durable,
                   into_special=into_special)
    try:
        f.write(data)
    except BaseException:
        f.discard()
        raise
    f.commit(before_replace)


def try_write_atomic(path: PathLike, data: Union[bytes, str]) -> bool:
    """:func:`write_atomic` for caches: not durable, and any failure (an unwritable or
    vanished cache folder) is only False — the next run rebuilds."""
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data, durable=False)
        return True
    except (OSError, ValueError):
        return False


def _mkstemp(folder: str, name: str) -> tuple[int, str]:
    """A new ``.<name>.<random>.refcheck-tmp`` in ``folder``, opened for writing (mode 0600,
    as :func:`tempfile.mkstemp` makes it; importing ``tempfile`` would cost every run's
    start-up a few milliseconds)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) \
        | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        path = os.path.join(folder, f".{name}.{os.urandom(6).hex()}{TMP_SUFFIX}")
        try:
            return os.open(path, flags, 0o600), path
        except FileExistsError:
            continue
    raise FileExistsError(17, "no free temporary name", folder)


def _fsync_dir(folder: str) -> None:
    """Make a rename durable; not every platform or file system allows it."""
    try:
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass
