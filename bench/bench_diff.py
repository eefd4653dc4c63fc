"""``corpuscompare diff gwr@2024 gwr@2025`` as a whole process, against a process that only
imports jieba and segments both texts. Limit (issue 3): 1.5x.

Two runs of the candidate: cold (``--no-cache``: jieba loads and cuts both documents) and
warm (tokens cached from an earlier run: jieba is not even imported).
"""

from __future__ import annotations

import argparse
import sys

from harness import ROOT, compare, run, run_cmd, scratch_cache

BASELINE = """
import sys, pathlib
import jieba
jieba.setLogLevel(60)
for name in sys.argv[1:]:
    text = pathlib.Path(name).read_text(encoding="utf-8").split("\\n---\\n", 1)[1]
    jieba.lcut(text)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    gwr = ROOT / "corpora" / "gwr"
    files = [str(gwr / "2024-gwr.txt"), str(gwr / "2025-gwr.txt")]
    cli = [sys.executable, "-m", "corpuscompare", "diff", "gwr@2024", "gwr@2025", "-f", "json"]
    cache = scratch_cache()
    env = {"CORPUSCOMPARE_CACHE_DIR": cache}
    compare(
        "diff-gwr-2024-2025-cold",
        lambda: run(BASELINE, *files),
        lambda: run_cmd([*cli, "--no-cache"], env=env),
        repeats=args.repeats,
        limit=1.5,
    )
    run_cmd(cli, env=env)  # fill the cache
    compare(
        "diff-gwr-2024-2025-warm",
        lambda: run(BASELINE, *files),
        lambda: run_cmd(cli, env=env),
        repeats=args.repeats,
        limit=1.5,
    )


if __name__ == "__main__":
    main()
