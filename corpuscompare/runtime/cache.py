"""The cache: one SQLite file of JSON values, keyed by the hash of what they depend on.

- :func:`default_cache_dir` -- ``$CORPUSCOMPARE_CACHE_DIR``, else the user's cache folder
  (``~/.cache/corpuscompare`` on Linux, via platformdirs).
- :class:`Cache` -- ``get(key, check)`` / ``put(key, value)`` of JSON values in
  ``cache.sqlite`` (WAL: concurrent runs read while one writes). Keys are hashes of
  everything a value depends on, so nothing ever needs invalidating.

Protection (a cache is input the tool trusts, so it is guarded like one):

- The folder is the user's own: created ``0700``; a folder owned by someone else, or one
  that cannot be made private, is not used (:attr:`Cache.problem` says why) -- the tool
  runs without a cache.
- Every entry carries an HMAC-SHA256 of its key and value under a secret made on first use
  (``secret``, 32 random bytes, ``0600``): an entry edited or re-signed without the secret
  fails the check, is deleted and reported missing. jieba's own dictionary cache
  (a ``marshal`` file) is sealed the same way before jieba may load it
  (:meth:`Cache.verified_file` / :meth:`Cache.seal_file`).
- A value that passes the check must still have the shape its reader expects
  (``check``); one that does not is treated as missing, never as an error.
- The file is kept under ``max_bytes`` (default 2 GiB, ``$CORPUSCOMPARE_CACHE_MAX_MB``):
  past it, the least recently used entries are deleted down to three quarters of it and
  the file is vacuumed.

``Cache(None)`` is a cache that stores nothing (``--no-cache``).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sqlite3
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Cache", "CacheInfo", "default_cache_dir"]

ENV = "CORPUSCOMPARE_CACHE_DIR"
MAX_ENV = "CORPUSCOMPARE_CACHE_MAX_MB"
DEFAULT_MAX_BYTES = 2 << 30
DB_NAME = "cache.sqlite"
SECRET_NAME = "secret"
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS entries ("
    "key TEXT PRIMARY KEY, mac BLOB NOT NULL, value BLOB NOT NULL, size INTEGER NOT NULL, used INTEGER NOT NULL)"
)


def default_cache_dir() -> Path:
    """Where the cache lives unless ``--cache-dir`` says otherwise."""
    env = os.environ.get(ENV)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("corpuscompare", appauthor=False))


def _max_bytes() -> int:
    try:
        return max(1, int(os.environ.get(MAX_ENV, ""))) << 20
    except ValueError:
        return DEFAULT_MAX_BYTES


@dataclass(frozen=True, slots=True)
class CacheInfo:
    """What ``corpuscompare cache info`` shows."""

    path: str
    entries: int
    bytes: int
    file_bytes: int
    max_bytes: int
    private: bool
    problem: str | None


class Cache:
    """JSON values in one SQLite file under hashed keys; ``Cache(None)`` stores nothing."""

    def __init__(self, root: Path | str | None, max_bytes: int | None = None) -> None:
        # resolved once: a relative --cache-dir must not be joined to itself later (jieba)
        self.root = Path(root).expanduser().absolute() if root is not None else None
        self.max_bytes = max_bytes or _max_bytes()
        self.problem: str | None = None
        self._secret: bytes | None = None
        self._conn: sqlite3.Connection | None = None
        self._pid = 0
        self._lock = threading.Lock()
        self._written = 0

    @property
    def enabled(self) -> bool:
        return self.root is not None and self.problem is None

    def __getstate__(self) -> dict[str, Any]:  # a worker process opens its own connection
        state = dict(self.__dict__)
        state.update(_conn=None, _lock=None, _pid=0)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    # --- the folder and the secret ------------------------------------------------------
    def _open(self) -> sqlite3.Connection | None:
        """The connection of this process (opened on first use, again after a fork)."""
        if not self.enabled:
            return None
        if self._conn is not None and self._pid == os.getpid():
            return self._conn
        try:
            self._secret = _private_secret(self.root)
            conn = sqlite3.connect(self.root / DB_NAME, timeout=60, isolation_level=None, check_same_thread=False)
            os.chmod(self.root / DB_NAME, 0o600)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(_SCHEMA)
        except (OSError, sqlite3.Error, _Unsafe) as exc:
            self.problem = f"cache not used: {exc}"
            return None
        self._conn, self._pid, self._written = conn, os.getpid(), 0
        return conn

    def _mac(self, key: str, blob: bytes) -> bytes:
        assert self._secret is not None
        return hmac.new(self._secret, key.encode() + b"\0" + blob, hashlib.sha256).digest()

    # --- entries --------------------------------------------------------------------------
    def get(self, key: str, check: Callable[[Any], bool] | None = None) -> Any | None:
        """The stored value, or None when missing, forged, corrupt or (``check``) of the
        wrong shape; such an entry is deleted."""
        with self._lock:
            conn = self._open()
            if conn is None:
                return None
            try:
                row = conn.execute("SELECT mac, value FROM entries WHERE key = ?", (key,)).fetchone()
                if row is None:
                    return None
                mac, blob = row
                value = _decode(blob) if hmac.compare_digest(bytes(mac), self._mac(key, bytes(blob))) else _BAD
                if value is _BAD or (check is not None and not _passes(check, value)):
                    conn.execute("DELETE FROM entries WHERE key = ?", (key,))
                    return None
                conn.execute("UPDATE entries SET used = ? WHERE key = ?", (time.time_ns(), key))
                return value
            except sqlite3.Error:
                return None

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` (JSON-serialisable); a cache that cannot be written is skipped."""
        with self._lock:
            conn = self._open()
            if conn is None:
                return
            payload = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
            blob = zlib.compress(payload, 1)
            try:
                conn.execute(
                    "INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?)",
                    (key, self._mac(key, blob), blob, len(blob), time.time_ns()),
                )
                self._written += len(blob)
                if self._written > self.max_bytes // 8:
                    self._written = 0
                    self._prune(conn)
            except sqlite3.Error:
                return

    def _prune(self, conn: sqlite3.Connection) -> None:
        """Past ``max_bytes``: drop the least recently used entries to 3/4 of it, vacuum."""
        total = conn.execute("SELECT COALESCE(SUM(size), 0) FROM entries").fetchone()[0]
        if total <= self.max_bytes:
            return
        keep, goal = 0, self.max_bytes * 3 // 4
        cut = None
        for used, size in conn.execute("SELECT used, size FROM entries ORDER BY used DESC"):
            keep += size
            if keep > goal:
                cut = used
                break
        if cut is not None:
            conn.execute("DELETE FROM entries WHERE used <= ?", (cut,))
            conn.execute("VACUUM")

    def clear(self) -> int:
        """Delete every entry (and jieba's sealed dictionary cache); the number deleted."""
        with self._lock:
            conn = self._open()
            if conn is None:
                return 0
            n = conn.execute("DELETE FROM entries").rowcount
            conn.execute("VACUUM")
        for path in self.root.glob("jieba*.cache*"):
            path.unlink(missing_ok=True)
        for path in self.root.glob("[0-9a-z][0-9a-z]/*.json"):  # entries of the older one-file-each layout
            path.unlink(missing_ok=True)
            n += 1
        return n

    def info(self) -> CacheInfo:
        """Where the cache is, how big, and whether it is private."""
        conn = self._open()
        entries = size = 0
        if conn is not None:
            entries, size = conn.execute("SELECT COUNT(*), COALESCE(SUM(size), 0) FROM entries").fetchone()
        db = self.root / DB_NAME if self.root is not None else None
        file_bytes = sum(p.stat().st_size for p in db.parent.glob(DB_NAME + "*")) if db and db.exists() else 0
        private = conn is not None and not (self.root.stat().st_mode & 0o077)
        return CacheInfo(str(self.root or ""), entries, size, file_bytes, self.max_bytes, private, self.problem)

    # --- files other libraries keep here (jieba's dictionary cache) --------------------------
    def verified_file(self, name: str) -> Path | None:
        """The path of a file kept in the cache folder, after deleting it when its seal is
        missing or wrong (so a planted file is never loaded); None without a cache."""
        if self._open() is None:
            return None
        path = self.root / name
        seal = self.root / f"{name}.mac"
        try:
            ok = hmac.compare_digest(seal.read_bytes(), self._file_mac(path))
        except OSError:
            ok = False
        if not ok:
            path.unlink(missing_ok=True)
            seal.unlink(missing_ok=True)
        return path

    def seal_file(self, name: str) -> None:
        """Record the HMAC of a file another library wrote into the cache folder."""
        if self._open() is None:
            return
        path = self.root / name
        try:
            os.chmod(path, 0o600)
            seal = self.root / f"{name}.mac"
            seal.write_bytes(self._file_mac(path))
            os.chmod(seal, 0o600)
        except OSError:
            return

    def _file_mac(self, path: Path) -> bytes:
        assert self._secret is not None
        mac = hmac.new(self._secret, path.name.encode() + b"\0", hashlib.sha256)
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                mac.update(block)
        return mac.hexdigest().encode()


_BAD = object()


class _Unsafe(Exception):
    pass


def _decode(blob: bytes) -> Any:
    try:
        return json.loads(zlib.decompress(blob))
    except (zlib.error, ValueError, RecursionError):
        return _BAD


def _passes(check: Callable[[Any], bool], value: Any) -> bool:
    try:
        return bool(check(value))
    except (TypeError, ValueError, KeyError, IndexError, AttributeError, RecursionError):
        return False


def _private_secret(root: Path) -> bytes:
    """The secret of a private cache folder, made on first use."""
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    st = root.stat()
    if st.st_uid != os.geteuid():
        raise _Unsafe(f"{root} belongs to another user")
    if st.st_mode & 0o077:
        os.chmod(root, 0o700)
    path = root / SECRET_NAME
    if not path.exists():
        tmp = root / f".{SECRET_NAME}-{os.getpid()}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(os.urandom(32))
        try:
            os.link(tmp, path)  # atomic: the first writer's secret wins
        except FileExistsError:
            pass
        finally:
            tmp.unlink(missing_ok=True)
    st = path.lstat()
    if st.st_uid != os.geteuid() or st.st_mode & 0o077 or not path.is_file() or path.is_symlink():
        raise _Unsafe(f"{path} is not a private file of this user")
    secret = path.read_bytes()
    if len(secret) != 32:
        raise _Unsafe(f"{path} is not a cache secret")
    return secret
