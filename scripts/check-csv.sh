#!/usr/bin/env bash
# Reads the CSV exports back as a user would open them:
#   - with Python's csv module (RFC 4180, UTF-8 with the --excel BOM): every entry is one row
#     with the header's columns, and no cell starts a formula (= + - @ tab CR, unless a number);
#   - where LibreOffice is installed (Debian's libreoffice-calc-nogui), converted headless to a
#     spreadsheet (.xlsx): the sheet has the rows and no formula cell. A control CSV with a
#     real formula must convert to a formula cell, so the check cannot pass by accident.
# The input is hostile: titles, sources, URLs and texts that try formula injection.
# Output files go to target/exports/. Without LibreOffice the spreadsheet step says so and is
# skipped, unless CHECK_CSV_REQUIRED=1 (then it fails).
set -euo pipefail

cd "$(dirname "$0")/.."
out=target/exports
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cargo build --quiet
dyad="${CARGO_TARGET_DIR:-target}/debug/dyad"

python3 - >"$tmp/hostile.jsonl" <<'PY'
import json
rows = [
    {"id": "=1+2", "title": "=HYPERLINK(\"http://evil.example\",\"click\")", "source": "@SUM(A1:A9)",
     "url": "https://example.org/1", "date": "2023-04-03",
     "text": "=cmd|' /C calc'!A0 Japanese Foreign Minister Yoshimasa Hayashi arrived in Beijing on Sunday for talks."},
    {"id": "+x", "title": "+SUM(1,2)", "source": "-2+3", "url": "https://example.org/2", "date": "2023-03-31",
     "text": "-1+1 Japan will restrict exports of 23 types of chip-making equipment to China from July, the ministry said on Friday."},
    {"id": "tab", "title": "\tTabbed", "source": "\r=Carriage", "date": "2023-03-28",
     "text": "@A1 China detained a Japanese employee of a drugmaker in Beijing this month."},
]
for r in rows:
    print(json.dumps(r))
PY
"$dyad" --db "$tmp/h.db" -q import "$tmp/hostile.jsonl"
"$dyad" --db "$tmp/h.db" -q demo >/dev/null 2>&1 || true
"$dyad" --db "$tmp/h.db" timeline JP CN --format csv --excel -o "$out/jp-cn.csv"
"$dyad" --db "$tmp/h.db" timeline JP CN --format json -o "$tmp/jp-cn.json"
"$dyad" --db "$tmp/h.db" timeline JP CN --format timelinejs-csv -o "$out/jp-cn.timelinejs.csv" 2>/dev/null
"$dyad" --db "$tmp/h.db" events --format csv >"$out/events.csv"

fail=0
python3 - "$out/jp-cn.csv" "$tmp/jp-cn.json" "$out/jp-cn.timelinejs.csv" "$out/events.csv" <<'PY' || fail=1
import csv, json, sys

def risky(cell):
    if not cell or cell[0] not in "=+-@\t\r":
        return False
    try:
        float(cell)
        return False
    except ValueError:
        return True

ok = True
entries = json.load(open(sys.argv[2], encoding="utf-8"))
for path in sys.argv[1:2] + sys.argv[3:]:
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    bad = [(i + 2, c) for i, r in enumerate(body) for c in r if risky(c)]
    ragged = [i + 2 for i, r in enumerate(body) if len(r) != len(header)]
    print(f"csv: {path}: {len(body)} rows, {len(header)} columns", file=sys.stderr)
    if bad or ragged or not body:
        ok = False
        print(f"csv: FAIL {path}: formula cells {bad[:3]}, ragged rows {ragged[:3]}", file=sys.stderr)
    if path == sys.argv[1] and len(body) != len(entries):
        ok = False
        print(f"csv: FAIL {path}: {len(body)} rows for {len(entries)} entries", file=sys.stderr)
sys.exit(0 if ok else 1)
PY

# LibreOffice: convert, then look for formula cells (<f> elements) in the sheet
if command -v soffice >/dev/null 2>&1; then
    printf 'a,b\n1,=1+2\n' >"$tmp/control.csv"
    cp "$out/jp-cn.csv" "$tmp/export.csv"
    # comma-separated, double quotes, UTF-8 (76), from line 1; formulas evaluated (the default)
    (cd "$tmp" && HOME="$tmp" soffice --headless --norestore \
        --infilter="CSV:44,34,76,1" --convert-to xlsx control.csv export.csv >/dev/null 2>&1) || true
    python3 - "$tmp/control.xlsx" "$tmp/export.xlsx" "$tmp/jp-cn.json" <<'PY' || fail=1
import json, re, sys, zipfile

def sheet(path):
    with zipfile.ZipFile(path) as z:
        return z.read("xl/worksheets/sheet1.xml").decode("utf-8")

try:
    control, export = sheet(sys.argv[1]), sheet(sys.argv[2])
except (OSError, KeyError, zipfile.BadZipFile) as e:
    print(f"libreoffice: FAIL conversion: {e}", file=sys.stderr)
    sys.exit(1)
if "<f>" not in control and "<f " not in control:
    print("libreoffice: FAIL the control formula was not read as a formula", file=sys.stderr)
    sys.exit(1)
formulas = len(re.findall(r"<f[ >]", export))
rows = len(re.findall(r"<row[ >]", export))
entries = len(json.load(open(sys.argv[3], encoding="utf-8")))
print(f"libreoffice: {rows} rows ({entries} entries + header), {formulas} formula cells",
      file=sys.stderr)
sys.exit(0 if formulas == 0 and rows == entries + 1 else 1)
PY
    cp "$tmp/export.xlsx" "$out/jp-cn.xlsx" 2>/dev/null || true
else
    echo "libreoffice: not installed, spreadsheet conversion skipped" >&2
    [[ "${CHECK_CSV_REQUIRED:-0}" == 1 ]] && fail=1
fi
exit "$fail"
