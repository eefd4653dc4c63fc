"""Where and how the work runs: the cache, cache keys, processes and Dask, progress.

- :mod:`~corpuscompare.runtime.cache` -- one SQLite file of JSON values, keyed by what they depend on.
- :mod:`~corpuscompare.runtime.keys` -- digests, the code's fingerprint, 64-bit clause digests.
- :mod:`~corpuscompare.runtime.runner` -- this process, a local pool, or a Dask cluster.
- :mod:`~corpuscompare.runtime.isolated` -- one function in a fresh process of its own.
- :mod:`~corpuscompare.runtime.progress` -- progress of long stages on stderr.

Knows nothing of speeches: every stage above uses it, it uses none of them.
"""

from ..lazy import exports

__getattr__, __dir__ = exports(
    __name__,
    {
        "Cache": "cache",
        "Runner": "runner",
        "StageProgress": "progress",
        "default_cache_dir": "cache",
        "digest": "keys",
        "run_isolated": "isolated",
        "source_fingerprint": "keys",
    },
)
__all__ = ["Cache", "Runner", "StageProgress", "default_cache_dir", "digest", "run_isolated", "source_fingerprint"]
