#!/usr/bin/env bash
# Times `dyad timeline`, `dyad pairs` and `dyad stats` on a database of 1,000,000 synthetic events
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
echo "query plans (the SQL of src/store/events.rs and browse.rs):"
echo "  timeline US CN (rows in timeline order off events_timeline, no sort):"
plan "SELECT e.id FROM events e JOIN articles a ON a.id = e.article_id
      WHERE MIN(e.actor, e.target) = 'CN' AND MAX(e.actor, e.target) = 'US'
        AND e.review IS NOT 'rejected' AND e.merge_group IS NULL
      ORDER BY e.sort_date IS NULL, e.sort_date, length(e.date_start), e.article_id, e.id"
echo "  timeline US CN, entries merged by people:"
plan "SELECT e.id FROM events e INDEXED BY events_merge_group JOIN articles a ON a.id = e.article_id
      WHERE MIN(e.actor, e.target) = 'CN' AND MAX(e.actor, e.target) = 'US'
        AND e.merge_group IS NOT NULL"
echo "  pairs:"
plan "SELECT a, b, year, events FROM pair_years WHERE events > 0"
echo "  stats, articles by basis:"
plan "SELECT pub_date_basis, COUNT(*) FROM articles GROUP BY pub_date_basis"
echo "  stats, events by type:"
plan "SELECT type, COUNT(*) FROM events GROUP BY type ORDER BY type"
echo "  stats, pairs:"
plan "SELECT MIN(actor, target) AS a, MAX(actor, target) AS b, COUNT(*) AS n FROM events GROUP BY a, b ORDER BY n DESC, a, b"

t() { python3 "$here/time_cmd.py" "$@"; }
events=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM events").fetchone()[0])' "$db")
top=$("$DYAD" --db "$db" pairs -n 1 --format csv | awk -F, 'NR == 2 { print $1, $2 }')
mid=$("$DYAD" --db "$db" pairs -n 0 --format csv | awk -F, 'NR > 1 { n++; p[n] = $1 " " $2 } END { print p[int(n / 2)] }')
echo "timings on $events events ($(nproc) cores), best of 5, whole commands (start-up included):"
t "dyad timeline $top (busiest pair)" -- "$DYAD" --db "$db" timeline $top
t "dyad timeline $top: first rows (| head)" --first 25 -- "$DYAD" --db "$db" timeline $top --format jsonl
t "dyad timeline $top: first rows, table" --first 25 -- "$DYAD" --db "$db" timeline $top
t "dyad timeline $top --from 2020 --to 2020" -- "$DYAD" --db "$db" timeline $top --from 2020 --to 2020
t "dyad timeline $mid (median pair)" -- "$DYAD" --db "$db" timeline $mid
t "dyad pairs" -- "$DYAD" --db "$db" pairs
t "dyad pairs --country JP" -- "$DYAD" --db "$db" pairs --country JP
t "dyad stats" -- "$DYAD" --db "$db" stats
