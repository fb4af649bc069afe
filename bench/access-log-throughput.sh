#!/usr/bin/env bash
# Whole-process access-log benchmark: `breakwater analyze` (parse + count + http_flood detection) against mawk (one
# pass counting requests per client and per second) and goaccess (Debian `goaccess`, when installed) on the same
# synthetic nginx log, from the page cache, pinned to one core. Prints a Markdown table for the README.
#
#   bench/access-log-throughput.sh [NORMAL_RPS] [SECONDS] [FORMAT]
#     defaults: 1000 rps of browsing for 900 s plus a 3,000 rps flood for 300 s → 1.8 M lines, combined format.
#   smoke run: bench/access-log-throughput.sh 20 60
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${BW_BENCH_DIR:-/tmp/breakwater-bench}"
mkdir -p "$work"
rps="${1:-1000}"; seconds="${2:-900}"; format="${3:-combined}"
flood_rps=$((rps * 3)); flood_seconds=$((seconds / 3))
log="$work/access-$format-$rps-$seconds.log"
[ -f "$log" ] || python3 "$here/bench/make-access-log.py" "$log" --seconds "$seconds" --normal-rps "$rps" \
  --flood-rps "$flood_rps" --flood-start "$flood_seconds" --flood-seconds "$flood_seconds" --flood-clients 50 --format "$format"
"$here/breakwater" --help >/dev/null   # build outside the timed part
cat "$log" >/dev/null                   # page cache
lines=$(wc -l < "$log")
size=$(stat -c %s "$log")

# run NAME CMD… → "seconds maxrss_kib"
run() {
  local name="$1"; shift
  local out="$work/$name.time"
  /usr/bin/time -f '%e %M' -o "$out" taskset -c 0 "$@" >/dev/null 2>"$work/$name.err" || echo "$name failed, see $work/$name.err" >&2
  tail -1 "$out"
}
row() {
  awk -v n="$1" -v s="$2" -v r="$3" -v l="$lines" 'BEGIN { printf "| %s | %.2f | %.0f | %.0f |\n", n, s, (s > 0 ? l / s : 0), r / 1024 }'
}

echo "input: $lines lines, $((size / 1048576)) MiB, $format; load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| tool | seconds | lines/s | peak RSS (MiB) |\n|---|---:|---:|---:|\n'
read -r s m < <(run breakwater dotnet "$here/.build/cli/breakwater.dll" analyze "$log" --service shop --json "$work/access-analysis.json")
row "breakwater analyze" "$s" "$m"
read -r s m < <(run mawk mawk '{ c[$1]++; t[substr($4, 2, 20)]++ } END { for (k in c) n++; print n, length(t) }' "$log")
row "mawk (requests per client and per second)" "$s" "$m"
if ! command -v goaccess >/dev/null; then
  echo "goaccess is not installed (apt-get install goaccess) — row skipped"
elif [ "$format" = json ]; then
  echo "goaccess row only for the combined formats"
else
  read -r s m < <(run goaccess goaccess "$log" --log-format=COMBINED -o "$work/goaccess.json")
  row "goaccess --log-format=COMBINED (JSON report)" "$s" "$m"
fi
python3 - "$work/access-analysis.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
inc = [i for i in d["incidents"] if any(v["name"] == "http_flood" for v in i["vectors"])]
print(f"breakwater found {len(inc)} http_flood incident(s):", ", ".join(f'{i["target"]} {i["start"]}..{i["end"]} peak {i["peak_pps"]:.0f} rps' for i in inc))
PY
