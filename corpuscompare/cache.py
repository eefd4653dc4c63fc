"""A small content-addressed cache on disk, for work that is slow to redo (tokens, alignments).

- :func:`default_cache_dir` -- ``$CORPUSCOMPARE_CACHE_DIR``, else the user's cache folder
  (``~/.cache/corpuscompare`` on Linux, via platformdirs).
- :class:`Cache` -- ``get(key)`` / ``put(key, value)`` of JSON values. Keys are hashes of
  everything a value depends on, so nothing ever needs invalidating. Each entry stores the
  SHA-256 of its payload; an entry that fails the check or does not parse is deleted and
  reported missing, so a corrupt cache is rebuilt, never trusted. Writes are atomic.
  ``Cache(None)`` is a cache that stores nothing (``--no-cache``).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["Cache", "default_cache_dir"]

ENV = "CORPUSCOMPARE_CACHE_DIR"


def default_cache_dir() -> Path:
    """Where the cache lives unless ``--cache-dir`` says otherwise."""
    env = os.environ.get(ENV)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("corpuscompare", appauthor=False))


class Cache:
    """JSON values on disk under hashed keys; ``Cache(None)`` stores nothing."""

    def __init__(self, root: Path | str | None) -> None:
        self.root = Path(root) if root is not None else None

    @property
    def enabled(self) -> bool:
        return self.root is not None

    def _path(self, key: str) -> Path:
        assert self.root is not None
        safe = hashlib.sha256(key.encode()).hexdigest() if len(key) > 120 or "/" in key else key
        return self.root / safe[:2] / f"{safe}.json"

    def get(self, key: str) -> Any | None:
        """The stored value, or None when missing or corrupt (a corrupt entry is removed)."""
        if self.root is None:
            return None
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        digest, _, payload = data.partition(b"\n")
        try:
            if hashlib.sha256(payload).hexdigest().encode() != digest:
                raise ValueError("checksum mismatch")
            return json.loads(payload)
        except ValueError:
            path.unlink(missing_ok=True)
            return None

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` (JSON-serialisable); a cache that cannot be written is skipped."""
        if self.root is None:
            return
        path = self._path(key)
        payload = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
        digest = hashlib.sha256(payload).hexdigest().encode()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(digest + b"\n" + payload)
            os.replace(tmp, path)
        except OSError:
            return
