"""``corpuscompare report gwr`` (43 reports: 903 pair alignments, 42 diff pages, phrases,
slogans, themes, keyness, echo map) as a whole process, against a bare jieba segmentation
of the same corpus. Limits (issue 5): cold at most 10x, warm re-run at most 0.7x.

Cold: ``--no-cache`` (nothing of corpuscompare's is reused). Warm: the same command again
with a filled cache and nothing changed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile

from harness import BARE_JIEBA, ROOT, compare, run, run_cmd, scratch_cache


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    gwr = str(ROOT / "corpora" / "gwr")
    out = tempfile.mkdtemp(prefix="cc-report-") + "/gwr"
    cache = scratch_cache()
    cli = [sys.executable, "-m", "corpuscompare", "report", gwr, "-o", out, "-q"]
    baseline = lambda: run(BARE_JIEBA, gwr)  # noqa: E731
    compare("report-gwr-cold", baseline, lambda: run_cmd([*cli, "--no-cache"]), args.repeats, limit=10.0)
    run_cmd([*cli, "--cache-dir", cache])  # fill the cache
    compare("report-gwr-warm", baseline, lambda: run_cmd([*cli, "--cache-dir", cache]), args.repeats, limit=0.7)


if __name__ == "__main__":
    main()
