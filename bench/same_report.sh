#!/usr/bin/env bash
# Which report files differ between a revision (default eef8f01, before the comparison model
# of issue 8) and the work tree, for the bundled wic and gwr corpora. Needs `make install`.
# Usage: bash bench/same_report.sh [REV]
set -euo pipefail
rev=${1:-eef8f01}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$tmp/old" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
git -C "$root" worktree add -q --detach "$tmp/old" "$rev"
for corpus in wic gwr; do
  (cd "$tmp/old" && PYTHONPATH="$tmp/old" "$root/.venv/bin/python" -m corpuscompare report "$corpus" \
    -o "$tmp/before/$corpus" --no-cache -q >/dev/null)
  (cd "$root" && "$root/.venv/bin/python" -m corpuscompare report "$corpus" \
    -o "$tmp/after/$corpus" --no-cache -q >/dev/null)
done
diff -rq "$tmp/before" "$tmp/after" | sed "s#$tmp/##g" || true
