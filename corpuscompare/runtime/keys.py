"""Cache keys: digests of what a result depends on, and the fingerprint of the code.

- :func:`digest` -- SHA-256 of JSON-encoded parts: the key of whatever depends on exactly them.
- :func:`entries_digest` -- the same over a scan's raw entries, one at a time.
- :func:`source_fingerprint` -- hash of the package's own code and templates (every
  subpackage): a changed analysis never reuses a cache entry.
- :func:`digest64`, :func:`in_sorted` -- 64-bit clause digests and membership in a sorted
  array of them (the continuity matrix and the period pages).

Shared vocabulary at the bottom of the package: every stage keys its cache entries with
these, and none of them knows what is being keyed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["digest64", "in_sorted", "source_fingerprint"]


def digest(*parts: Any) -> str:
    """SHA-256 of JSON-encoded parts: the cache key of whatever depends on exactly them."""
    h = hashlib.sha256()
    for part in parts:
        h.update(json.dumps(part, ensure_ascii=False, sort_keys=True, default=str).encode())
        h.update(b"\0")
    return h.hexdigest()


def entries_digest(entries: Sequence[Any]) -> str:
    """SHA-256 of a scan's raw entries (id, path, body, metadata, markdown), one at a time:
    what a whole-corpus result depends on, without one huge string in memory."""
    h = hashlib.sha256()
    for e in entries:
        h.update(json.dumps([e.id, e.path, e.body, e.meta, e.markdown], ensure_ascii=False, default=str).encode())
        h.update(b"\0")
    return h.hexdigest()


@lru_cache(maxsize=1)
def source_fingerprint() -> str:
    """Hash of the package's own code and templates (every subpackage, wherever a module lives)."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".html", ".css", ".js", ".md") and "__pycache__" not in path.parts:
            h.update(path.relative_to(root).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def digest64(text: str) -> int:
    """A clause's 64-bit digest (BLAKE2b, 8 bytes): how clauses are compared in arrays."""
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def in_sorted(sorted_digests: np.ndarray, digests: np.ndarray) -> np.ndarray:
    """Which of ``digests`` occur in ``sorted_digests`` (sorted, unique), by binary search
    (``np.isin`` would sort both arrays again)."""
    if not len(sorted_digests):
        return np.zeros(len(digests), bool)
    at = np.minimum(np.searchsorted(sorted_digests, digests), len(sorted_digests) - 1)
    return sorted_digests[at] == digests
