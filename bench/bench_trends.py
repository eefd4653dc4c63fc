"""``track``, ``themes`` and ``phrases`` on gwr as whole processes, against a process that
loads and segments gwr (our own pipeline, token cache off). Limits (issue 4): track and
themes 2x, phrases 4x (phrases cold: it tokenizes too). Then the growth with corpus size:
the same commands on the first 10, 20 and all 43 reports."""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from bench_segment import PIPELINE
from harness import ROOT, compare, run, run_cmd, scratch_cache


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "corpuscompare", *args, "-f", "json"]


def subset(n: int) -> Path:
    """A corpus folder with the first ``n`` gwr reports and gwr's corpus.yaml."""
    folder = Path(tempfile.mkdtemp(prefix=f"gwr{n}-"))
    shutil.copy(ROOT / "corpora" / "gwr" / "corpus.yaml", folder)
    for f in sorted((ROOT / "corpora" / "gwr").glob("*.txt"))[:n]:
        shutil.copy(f, folder)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    gwr = str(ROOT / "corpora" / "gwr")
    cache = scratch_cache()
    baseline = lambda: run(PIPELINE, gwr, cache)  # noqa: E731
    env = {"CORPUSCOMPARE_CACHE_DIR": scratch_cache()}
    compare("track-gwr", baseline, lambda: run_cmd(cli("track", gwr), env=env), args.repeats, limit=2.0)
    compare("themes-gwr", baseline, lambda: run_cmd(cli("themes", gwr), env=env), args.repeats, limit=2.0)
    compare(
        "phrases-gwr-cold",
        baseline,
        lambda: run_cmd(cli("phrases", gwr, "--no-cache"), env=env),
        args.repeats,
        limit=4.0,
    )
    print("\ngrowth with corpus size (median seconds of 3 runs; token cache off for phrases):")
    print("| documents | characters | load+segment | track | themes | phrases |")
    print("|---|---|---|---|---|---|")
    for n in (10, 20, 43):
        folder = subset(n)
        chars = sum(len(p.read_text(encoding="utf-8")) for p in folder.glob("*.txt"))
        times = []
        where = str(folder)
        jobs = (
            (run, (PIPELINE, where, cache), {}),
            (run_cmd, (cli("track", where),), {"env": env}),
            (run_cmd, (cli("themes", where),), {"env": env}),
            (run_cmd, (cli("phrases", where, "--no-cache"),), {"env": env}),
        )
        for func, fargs, fkwargs in jobs:
            times.append(statistics.median(func(*fargs, **fkwargs) for _ in range(3)))
        print(f"| {n} | {chars} | " + " | ".join(f"{t:.2f}" for t in times) + " |")
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
