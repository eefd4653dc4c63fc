#!/usr/bin/env bash
# Which outputs differ between a revision (default HEAD) and the work tree: the reports of wic,
# gwr and a daily-news slice (every file, data.json included) and `--format json` of every
# command. A refactoring must leave them byte-identical. Needs `make install`.
# Usage: bash bench/same_output.sh [REV]
set -euo pipefail
rev=${1:-HEAD}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$tmp/old" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
git -C "$root" worktree add -q --detach "$tmp/old" "$rev"
news="$root/tests/data/xwlb-2018q4.jsonl.gz"
run() {  # run TREE OUT: every output of the tool at TREE into OUT
  local tree=$1 out=$2
  mkdir -p "$out"
  cc() { (cd "$tree" && PYTHONPATH="$tree" "$root/.venv/bin/python" -m corpuscompare "$@"); }
  for corpus in wic gwr "$news"; do
    name=$(basename "$corpus" .jsonl.gz)
    cc report "$corpus" -o "$out/report-$name" --no-cache -q >/dev/null
    cc info "$corpus" -f json >"$out/info-$name.json"
    cc phrases "$corpus" -f json --no-cache >"$out/phrases-$name.json"
    cc track "$corpus" -f json --no-cache >"$out/track-$name.json" 2>/dev/null || true
    cc themes "$corpus" -f json --no-cache >"$out/themes-$name.json" 2>/dev/null || true
    cc keyness "$corpus" -f json --no-cache >"$out/keyness-$name.json"
    cc figures "$corpus" -f json --no-cache >"$out/figures-$name.json"
  done
  cc show wic@2015-12-16-xi-keynote -f json --no-cache >"$out/show.json"
  cc diff gwr@2024 gwr@2025 -f json --no-cache >"$out/diff.json"
  cc diff gwr@2024 gwr@2025 -f html -o "$out/diff.html" --no-cache
  cc reuse gwr@2024 gwr@2025 -f json --no-cache >"$out/reuse.json"
  cc align 2015-12-16-xi-keynote wic -f json --no-cache >"$out/align.json"
  cc kwic 网络安全 wic -f json >"$out/kwic.json"
  cc kwic 改革 gwr -f csv >"$out/kwic.csv"
}
run "$tmp/old" "$tmp/before" &
run "$root" "$tmp/after"
wait
diff -rq "$tmp/before" "$tmp/after" | sed "s#$tmp/##g" || true
if [ "${KEEP:-}" ]; then cp -r "$tmp/before" "$tmp/after" "$KEEP"/; fi
echo "compared $(find "$tmp/after" -type f | wc -l) files"
