"""Benchmark harness: time whole processes against a baseline process in the same run.

Machines here are noisy, so every benchmark reports a ratio (candidate / baseline), with
the two processes run alternately ``repeats`` times and the medians compared. Both
processes start cold in the same way (a fresh interpreter), so imports and jieba's
dictionary load count on both sides.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"

#: Baseline: read the bodies of a corpus and cut them with jieba.lcut, nothing else.
BARE_JIEBA = """
import sys, pathlib
import jieba
jieba.setLogLevel(60)
files = sorted(pathlib.Path(sys.argv[1]).glob("*.txt"))
texts = []
for f in files:
    t = f.read_text(encoding="utf-8")
    texts.append(t.split("\\n---\\n", 1)[1] if t.startswith("---\\n") else t)
for t in texts:
    jieba.lcut(t)
"""


def run(code: str, *args: str, env: dict[str, str] | None = None) -> float:
    """Wall time of ``python -c code args`` in a fresh interpreter."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", code, *args], check=True, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def run_cmd(cmd: list[str], env: dict[str, str] | None = None) -> float:
    """Wall time of a command."""
    start = time.perf_counter()
    subprocess.run(
        cmd, check=True, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def compare(name: str, baseline, candidate, repeats: int = 5, limit: float | None = None) -> dict:
    """Run baseline() and candidate() alternately; report medians and their ratio."""
    base, cand = [], []
    baseline()  # warm the OS file cache and jieba's dictionary cache
    candidate()
    for _ in range(repeats):
        base.append(baseline())
        cand.append(candidate())
    result = {
        "name": name,
        "baseline_s": round(statistics.median(base), 3),
        "candidate_s": round(statistics.median(cand), 3),
        "ratio": round(statistics.median(cand) / statistics.median(base), 3),
        "ratio_best": round(min(cand) / min(base), 3),
        "repeats": repeats,
        "limit": limit,
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n")
    verdict = "" if limit is None else (" (ok)" if result["ratio"] <= limit else f" (OVER the {limit}x limit)")
    print(
        f"{name}: baseline {result['baseline_s']} s, candidate {result['candidate_s']} s, "
        f"ratio {result['ratio']} (best-of {result['ratio_best']}){verdict}"
    )
    return result


def scratch_cache() -> str:
    """A fresh cache folder for one benchmark."""
    return tempfile.mkdtemp(prefix="cc-bench-")
