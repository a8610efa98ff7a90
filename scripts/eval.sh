#!/usr/bin/env bash
# Scores dyad on every gold file in ../shared/eval with score_events.py, and dyad dates on
# TempEval-3 (TBAQ) with score_timex.py. Usage: scripts/eval.sh [path/to/dyad]
set -euo pipefail
cd "$(dirname "$0")/.."
DYAD=${1:-target/release/dyad}
SHARED=${SHARED:-../shared}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for gold in "$SHARED"/eval/*gold*.jsonl data/sample/gold.jsonl; do
  [ -f "$gold" ] || continue
  name=$(basename "$gold" .jsonl)
  [ "$gold" = data/sample/gold.jsonl ] && name=sample_gold
  db="$tmp/$name.db"
  if [ "$gold" = data/sample/gold.jsonl ]; then
    "$DYAD" --db "$db" -q import data/sample/ || true
  else
    "$DYAD" --db "$db" -q import "$gold" || true
  fi
  "$DYAD" --db "$db" events --format jsonl > "$tmp/$name.sys.jsonl"
  echo "--- $name"
  python3 "$SHARED/eval/score_events.py" "$gold" "$tmp/$name.sys.jsonl"
done
if [ -d "$SHARED/tempeval/TBAQ-cleaned" ]; then
  echo "--- TempEval-3 TBAQ (dyad dates)"
  python3 "$SHARED/eval/run_dyad_dates.py" "$DYAD" "$SHARED/tempeval/TBAQ-cleaned" "$tmp/tbaq.jsonl" >/dev/null
  python3 "$SHARED/eval/score_timex.py" "$SHARED/tempeval/TBAQ-cleaned" "$tmp/tbaq.jsonl"
fi
