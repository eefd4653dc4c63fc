"""Scale (issue 12): ``report``, ``phrases`` and ``track`` on 1/64, 1/16, 1/4 and all of
``../shared/corpora/xwlb-dev.jsonl.gz`` (2,366 days of 新闻联播, real text cut by days: the
first N days), each against a single-process bare ``jieba.lcut`` of the same text in the
same run: time ratios, peak RSS (of the process and its children) and growth.

Limits (issue 12): cold report ≤ 4x the floor, warm ≤ 0.1x; track cold ≤ 0.5x, warm ≤ 0.05x;
peak RSS ≤ 2 GB (report, phrases), ≤ 1 GB (track); growth ≤ linear x 1.15.

    python bench/bench_scale.py [--fractions 64,16,4,1] [--source PATH] [--copies N]

``--copies 2`` measures a corpus twice the real one (32 M characters): the same days again,
re-dated seven years on -- synthetic, for memory and time only. ``--copies 3 --chars
36600000`` cuts that at the 36.6 M characters the issue names.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import OUT, ROOT

FLOOR = """
import sys, gzip, json
import jieba
jieba.setLogLevel(60)
with gzip.open(sys.argv[1], "rt", encoding="utf-8") as fh:
    for line in fh:
        jieba.lcut(json.loads(line)["text"])
"""

#: Years between the real days and a synthetic copy of them (``--copies``).
YEARS_APART = 7

LIMITS = {"report-cold": 4.0, "report-warm": 0.1, "track-cold": 0.5, "track-warm": 0.05}
RSS_LIMITS = {"report": 2e9, "phrases": 2e9, "track": 1e9}


def measure(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS in bytes (GNU time: the largest of the process tree's)."""
    with tempfile.NamedTemporaryFile(suffix=".time") as out:
        start = time.perf_counter()
        subprocess.run(
            ["/usr/bin/time", "-f", "%M", "-o", out.name, *cmd],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wall = time.perf_counter() - start
        return wall, int(Path(out.name).read_text().split()[-1]) * 1024


def cut(source: Path, fraction: int, folder: Path, copies: int = 1, chars: int = 0) -> tuple[Path, int, int]:
    """The first 1/fraction of the days of ``source`` as a .jsonl.gz; days and characters.
    ``copies`` > 1 (synthetic, for a corpus larger than the real one): the same days again,
    each copy re-dated ``YEARS_APART`` years later and its ids marked ``copyN-``. ``chars``:
    stop at the day that reaches that many characters (0: keep all)."""
    with gzip.open(source, "rt", encoding="utf-8") as fh:
        lines = fh.readlines()
    keep = lines[: max(2, len(lines) // fraction)]
    for copy in range(1, copies):
        for line in lines[: max(2, len(lines) // fraction)]:
            record = json.loads(line)
            year = int(record["date"][:4]) + YEARS_APART * copy
            record["date"] = f"{year}{record['date'][4:]}"
            record["id"] = f"copy{copy}-{record['id']}"
            keep.append(json.dumps(record, ensure_ascii=False) + "\n")
    if chars:
        total = 0
        for k, line in enumerate(keep):
            total += len(json.loads(line)["text"])
            if total >= chars:
                keep = keep[: k + 1]
                break
    path = folder / f"xwlb-1of{fraction}x{copies}.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.writelines(keep)
    return path, len(keep), sum(len(json.loads(x)["text"]) for x in keep)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fractions", default="64,16,4,1")
    parser.add_argument("--copies", type=int, default=1, help="synthetic: the days this many times, re-dated")
    parser.add_argument("--chars", type=int, default=0, help="stop at this many characters (with --copies)")
    parser.add_argument("--source", default=str(ROOT.parent / "shared" / "corpora" / "xwlb-dev.jsonl.gz"))
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cc-scale-"))
    cli = [sys.executable, "-m", "corpuscompare"]
    rows = []
    for fraction in (int(f) for f in args.fractions.split(",")):
        corpus, days, chars = cut(Path(args.source), fraction, work, args.copies, args.chars)
        floor, _ = measure([sys.executable, "-c", FLOOR, str(corpus)])
        cache = str(work / f"cache-{fraction}")
        label = f"1/{fraction}" + (f" x{args.copies}" if args.copies > 1 else "")
        row = {"fraction": label, "days": days, "chars": chars, "floor_s": round(floor, 2)}
        for name, cmd in (
            ("report", [*cli, "report", str(corpus), "-o", str(work / f"r{fraction}"), "-q", "--force"]),
            ("phrases", [*cli, "phrases", str(corpus), "-f", "json"]),
            ("track", [*cli, "track", str(corpus), "-f", "json", "-s", "改革开放", "-s", "人类命运共同体"]),
        ):
            for state in ("cold", "warm"):
                if name == "phrases" and state == "warm":
                    continue
                # each command starts cold on its own cache (phrases would reuse report's tokens)
                wall, rss = measure([*cmd, "--cache-dir", f"{cache}-{name}"])
                row[f"{name}-{state}_s"] = round(wall, 2)
                row[f"{name}-{state}_ratio"] = round(wall / floor, 3)
                row[f"{name}-{state}_rss_mb"] = round(rss / 1e6)
        rows.append(row)
        print(json.dumps(row, ensure_ascii=False), flush=True)
    for a, b in itertools.pairwise(rows):
        scale = b["chars"] / a["chars"]
        for name in ("report-cold", "phrases-cold", "track-cold"):
            growth = (b[f"{name}_s"] / a[f"{name}_s"]) / scale
            print(f"{name} growth {a['fraction']} -> {b['fraction']}: {growth:.2f} x linear")
    for row in rows:
        for key, limit in LIMITS.items():
            verdict = "ok" if row[f"{key}_ratio"] <= limit else "OVER"
            print(f"{row['fraction']} {key}: {row[f'{key}_ratio']} x floor (limit {limit}) {verdict}")
        for key, limit in RSS_LIMITS.items():
            rss = row[f"{key}-cold_rss_mb"]
            verdict = "ok" if rss * 1e6 <= limit else "OVER"
            print(f"{row['fraction']} {key} peak RSS {rss} MB (limit {limit / 1e6:.0f}) {verdict}")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "scale.json").write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n")
    os.environ.get("KEEP") or subprocess.run(["rm", "-rf", str(work)], check=False)


if __name__ == "__main__":
    main()
