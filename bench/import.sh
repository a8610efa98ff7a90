#!/usr/bin/env bash
# Times the whole `dyad import` of real corpora against a bare load of the same JSONL into
# SQLite with FTS5 and no extraction (bench/bare_load.py), side by side in one run.
#
# usage: bench/import.sh [CORPUS.jsonl...]
#   default: ../shared/corpus/reuters21578.jsonl and ../shared/corpus/voa_stories.jsonl
#   DYAD=path/to/dyad to use a built binary (else `cargo build --release` first)
#
# Prints, per corpus and loader: articles (records with a text), seconds, articles/s, MB/s,
# peak RSS (GNU time's maximum resident set size), the ratio dyad/bare of the times, and the CPU
# seconds (user + system, all threads): on a shared machine the wall-clock times vary with the
# load, the CPU times much less.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
if [ $# -eq 0 ]; then
    set -- "$root/../shared/corpus/reuters21578.jsonl" "$root/../shared/corpus/voa_stories.jsonl"
fi
if [ -z "${DYAD:-}" ]; then
    (cd "$root" && cargo build --release --quiet)
    DYAD="${CARGO_TARGET_DIR:-$root/target}/release/dyad"
fi
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time): apt-get install time" >&2; exit 1; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# runs "$@" under GNU time; prints "seconds peak_rss_kb cpu_seconds"
timed() {
    /usr/bin/time -v -o "$tmp/time.log" "$@" >"$tmp/out.log" 2>"$tmp/err.log" || true
    awk -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i] }
        /Maximum resident set size/ { rss = $2 }
        /User time \(seconds\)|System time \(seconds\)/ { cpu += $2 }
        END { printf "%.2f %d %.2f\n", s, rss, cpu }' "$tmp/time.log"
}

echo "machine: $(nproc) cores, $(uname -m); dyad $("$DYAD" --version | awk '{print $2}')"
printf '%-22s %-5s %8s %8s %10s %7s %9s %10s %6s\n' corpus load articles seconds articles/s MB/s "peak RSS" dyad/bare "CPU s"
for corpus in "$@"; do
    name="$(basename "$corpus" .jsonl)"
    mb="$(awk -v b="$(stat -c %s "$corpus")" 'BEGIN { printf "%.3f", b / 1e6 }')"
    rm -f "$tmp"/*.db*
    read -r dyad_s dyad_rss dyad_cpu < <(timed "$DYAD" --db "$tmp/dyad.db" --quiet import "$corpus")
    dyad_n="$(sqlite3 "$tmp/dyad.db" 'SELECT COUNT(*) FROM articles' 2>/dev/null \
        || python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM articles").fetchone()[0])' "$tmp/dyad.db")"
    events="$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM events").fetchone()[0])' "$tmp/dyad.db")"
    read -r bare_s bare_rss bare_cpu < <(timed python3 "$here/bare_load.py" "$corpus" "$tmp/bare.db")
    bare_n="$(cat "$tmp/out.log")"
    ratio="$(awk -v a="$dyad_s" -v b="$bare_s" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')"
    # both rows count the records with a text (what each loader reads and processes)
    for row in "dyad $bare_n $dyad_s $dyad_rss $dyad_cpu" "bare $bare_n $bare_s $bare_rss $bare_cpu"; do
        set -- $row
        awk -v c="$name" -v l="$1" -v n="$2" -v s="$3" -v rss="$4" -v cpu="$5" -v mb="$mb" -v r="$ratio" 'BEGIN {
            t = (s > 0 ? s : 0.01)
            printf "%-22s %-5s %8d %8.2f %10.0f %7.2f %7.0f MB %10s %6.2f\n", c, l, n, s, n / t, mb / t, rss / 1024, (l == "dyad" ? r "x" : ""), cpu
        }'
    done
    echo "  ($name: $mb MB; dyad stored $dyad_n distinct articles and $events events)"
done
