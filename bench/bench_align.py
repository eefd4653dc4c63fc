"""``corpuscompare align SEED gwr`` (the 2015 keynote against all 43 Government Work
Reports) as a whole process, against a bare jieba segmentation of the same texts (gwr and
the seed). Reported for issue 3 (no fixed limit; the diff limit of 1.5x is shown)."""

from __future__ import annotations

import argparse
import sys

from harness import BARE_JIEBA, ROOT, compare, run, run_cmd, scratch_cache


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    seed = ROOT / "seeds" / "000_ca09b579ab1eb6ae.txt"
    gwr = ROOT / "corpora" / "gwr"
    baseline = BARE_JIEBA + "\njieba.lcut(pathlib.Path(sys.argv[2]).read_text(encoding='utf-8'))\n"
    cli = [sys.executable, "-m", "corpuscompare", "align", str(seed), str(gwr), "-f", "json"]
    env = {"CORPUSCOMPARE_CACHE_DIR": scratch_cache()}
    compare(
        "align-seed-vs-gwr",
        lambda: run(baseline, str(gwr), str(seed)),
        lambda: run_cmd(cli, env=env),
        repeats=args.repeats,
        limit=1.5,
    )


if __name__ == "__main__":
    main()
