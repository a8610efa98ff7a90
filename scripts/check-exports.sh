#!/usr/bin/env bash
# Renders the timeline exports of the demo corpus in real clients and checks that they show the
# events:
#   - the `--format html` page in headless Chromium;
#   - the `--format timelinejs` JSON in a page that loads the real TimelineJS 3 library (the npm
#     package @knight-lab/timelinejs, installed into a temporary directory, referenced by path).
# Screenshots and pages go to target/exports/. Needs `chromium` (Debian package) and node/npm;
# without them it says so and exits 0, unless CHECK_EXPORTS_REQUIRED=1 (then it fails).
# TIMELINEJS_DIR=DIR reuses an installed package (DIR/dist/js/timeline.js) instead of npm.
set -euo pipefail

cd "$(dirname "$0")/.."
out=target/exports
# an event of the demo corpus that every export must show
known="Japan export controls affecting China"

missing=()
command -v chromium >/dev/null || missing+=(chromium)
if [[ -z "${TIMELINEJS_DIR:-}" ]]; then
    command -v npm >/dev/null || missing+=(npm)
fi
if ((${#missing[@]})); then
    echo "check-exports: skipped, not installed: ${missing[*]}" >&2
    [[ "${CHECK_EXPORTS_REQUIRED:-0}" == 1 ]] && exit 1
    exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
abs_out=$(cd "$out" && pwd)

cargo build --quiet
dyad="${CARGO_TARGET_DIR:-target}/debug/dyad"
"$dyad" --db "$tmp/demo.db" -q demo >/dev/null
"$dyad" --db "$tmp/demo.db" timeline JP CN --format html -o "$out/jp-cn.html"
"$dyad" --db "$tmp/demo.db" timeline JP CN --format timelinejs -o "$out/jp-cn.timelinejs.json" 2>/dev/null

browse() { # browse MODE URL [ARG]: headless Chromium, no network beyond file://, scripts run 5 s
    local mode=$1 url=$2
    shift 2
    chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
        --user-data-dir="$(mktemp -d -p "$tmp")" --virtual-time-budget=5000 \
        --window-size=1400,900 "$mode" "$@" "$url" 2>/dev/null
}

fail=0
check() { # check NAME FILE PATTERN MIN: at least MIN matches of PATTERN
    local n
    n=$(grep -o -- "$3" "$2" | wc -l)
    if ((n >= $4)); then
        echo "ok    $1 ($n)"
    else
        echo "FAIL  $1: $n of '$3' in $2, expected at least $4" >&2
        fail=1
    fi
}

# 1. the HTML export: the script drew one item per dated event, and the table lists them all
dated=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["events"]))' "$out/jp-cn.timelinejs.json")
browse --screenshot="$abs_out/jp-cn.html.png" "file://$abs_out/jp-cn.html" >/dev/null
browse --dump-dom "file://$abs_out/jp-cn.html" >"$out/jp-cn.html.dom"
check "html: chart items drawn" "$out/jp-cn.html.dom" ' data-id="' "$dated"
check "html: table rows" "$out/jp-cn.html.dom" '<tr id="event-' "$dated"
check "html: known event shown" "$out/jp-cn.html.dom" "$known" 1

# 2. the TimelineJS export in the real library
if [[ -n "${TIMELINEJS_DIR:-}" ]]; then
    tl=$(cd "$TIMELINEJS_DIR" && pwd)
else
    npm install --silent --no-audit --no-fund --prefix "$tmp/npm" @knight-lab/timelinejs >/dev/null
    tl="$tmp/npm/node_modules/@knight-lab/timelinejs"
fi
cp -r "$tl/dist" "$out/timelinejs-dist" # so the saved page still opens after this script
{
    cat <<EOF
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>TimelineJS check</title>
<link rel="stylesheet" href="timelinejs-dist/css/timeline.css">
<script src="timelinejs-dist/js/timeline.js"></script>
</head><body style="margin:0">
<div id="timeline-embed" style="width:100%;height:880px"></div>
<script>
var data =
EOF
    # inside <script>, < in the JSON's strings must not close the element
    sed 's/</\\u003c/g' "$out/jp-cn.timelinejs.json"
    cat <<'EOF'
;
window.timeline = new TL.Timeline("timeline-embed", data);
</script></body></html>
EOF
} >"$out/jp-cn.timelinejs.html"
browse --screenshot="$abs_out/jp-cn.timelinejs.png" "file://$abs_out/jp-cn.timelinejs.html" >/dev/null
browse --dump-dom "file://$abs_out/jp-cn.timelinejs.html" >"$out/jp-cn.timelinejs.dom"
check "timelinejs: slides" "$out/jp-cn.timelinejs.dom" 'class="tl-slide[ "]' "$dated"
check "timelinejs: time-axis markers" "$out/jp-cn.timelinejs.dom" 'class="tl-timemarker[ "]' "$dated"
check "timelinejs: known event shown" "$out/jp-cn.timelinejs.dom" "$known" 1

echo "screenshots: $out/jp-cn.html.png $out/jp-cn.timelinejs.png"
exit "$fail"
