#!/usr/bin/env bash
# Times `dyad timeline US CN` and `dyad stats` on a database of 1,000,000 synthetic events
# (bench/gen_events.py, built once and kept), and shows SQLite's query plans for them.
#
# usage: bench/query.sh [DB]   (default: target/bench-events.db; N=... to change the size)
#   DYAD=path/to/dyad to use a built binary (else `cargo build --release` first)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
if [ -z "${DYAD:-}" ]; then
    (cd "$root" && cargo build --release --quiet)
    DYAD="${CARGO_TARGET_DIR:-$root/target}/release/dyad"
fi
db="${1:-${CARGO_TARGET_DIR:-$root/target}/bench-events.db}"
n="${N:-1000000}"
if [ ! -s "$db" ]; then
    mkdir -p "$(dirname "$db")"
    start=$(date +%s.%N)
    python3 "$here/gen_events.py" "$DYAD" "$db" "$n"
    echo "generated in $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }') s"
fi
"$DYAD" --db "$db" --quiet stats >/dev/null  # migrate, warm the page cache

plan() {
    python3 - "$db" "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for row in db.execute("EXPLAIN QUERY PLAN " + sys.argv[2]):
    print("    " + "  " * 0 + row[-1])
PY
}
echo "query plans (the SQL of src/store/events.rs):"
echo "  timeline US CN:"
plan "SELECT e.id FROM events e JOIN articles a ON a.id = e.article_id
      WHERE ((e.actor = 'US' AND e.target = 'CN') OR (e.actor = 'CN' AND e.target = 'US'))
      ORDER BY e.sort_date IS NULL, e.sort_date, length(e.date_start), e.article_id, e.id"
echo "  stats, articles by basis:"
plan "SELECT pub_date_basis, COUNT(*) FROM articles GROUP BY pub_date_basis"
echo "  stats, events by type:"
plan "SELECT type, COUNT(*) FROM events GROUP BY type ORDER BY type"
echo "  stats, pairs:"
plan "SELECT MIN(actor, target) AS a, MAX(actor, target) AS b, COUNT(*) AS n FROM events GROUP BY a, b ORDER BY n DESC, a, b"

# best of 3 wall-clock seconds, and the peak RSS of the last run
bench() {
    local label="$1"; shift
    local best=999999 rss=0
    for _ in 1 2 3; do
        /usr/bin/time -v -o "$db.time" "$@" >"$db.out" 2>/dev/null
        s=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$db.time")
        rss=$(awk -F': ' '/Maximum resident set size/ { print int($2 / 1024) }' "$db.time")
        best=$(awk -v a="$s" -v b="$best" 'BEGIN { print (a < b ? a : b) }')
    done
    printf '  %-40s %6.2f s  %5d MB peak RSS  %8d lines out\n' "$label" "$best" "$rss" "$(wc -l <"$db.out")"
}
events=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM events").fetchone()[0])' "$db")
echo "timings on $events events ($(nproc) cores):"
bench "dyad timeline US CN" "$DYAD" --db "$db" timeline US CN
bench "dyad timeline US CN --format jsonl" "$DYAD" --db "$db" timeline US CN --format jsonl
bench "dyad timeline US CN --from 2020 --to 2021" "$DYAD" --db "$db" timeline US CN --from 2020 --to 2021
bench "dyad stats" "$DYAD" --db "$db" stats
rm -f "$db.time" "$db.out"
