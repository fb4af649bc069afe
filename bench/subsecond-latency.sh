#!/usr/bin/env bash
# Decision latency of sub-second decisions (docs/detection.md "Deciding"): for floods of 3x, 5x and 10x the default
# threshold (4,000 pps), three vectors and onsets spread over the second, simulate a capture with background traffic,
# analyze it, and measure `detected - start of the attack's first packet` in capture time (independent of machine load).
# Then analyze samples/background-only.yaml: it must give no incident.
#
#   bench/subsecond-latency.sh            prints one line per run, then p50 / p90 / worst per multiple and overall
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/breakwater" --help >/dev/null
work="$(mktemp -d /tmp/bw-latency.XXXXXX)"
trap 'rm -rf "$work"' EXIT
results="$work/results.tsv"
: > "$results"
for vector in syn_flood udp_flood dns_amplification; do
  for multiple in 3 5 10; do
    for onset in 0.05 0.3 0.55 0.8 0.95; do
      name="lat-$vector-$multiple-$onset"
      cat > "$work/$name.yaml" <<YAML
scenario: $name
seed: 77
background:
  pps: 800
  clients: 500
  servers: 20
  prefix: 198.51.100.0/24
attacks:
  - name: flood
    target: 198.51.100.7
    start: $(python3 -c "print(5 + $onset)")
    duration: 4s
    pps: $((multiple * 4000))
    vectors:
      - { name: $vector }
    sources: { spoofed: true }
duration: 12s
YAML
      "$here/breakwater" simulate "$work/$name.yaml" --out "$work/$name.pcap" >/dev/null
      "$here/breakwater" analyze "$work/$name.pcap" --json "$work/$name.json" >/dev/null
      python3 - "$work/$name.json" "$work/$name.truth.json" "$vector" "$multiple" "$onset" >> "$results" <<'PY'
import json, sys
from datetime import datetime
def t(s): return datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()
doc, truth = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
start = t(truth["attacks"][0]["start"])
hits = [i for i in doc["incidents"] if i["target"] == "198.51.100.7"]
latency = t(hits[0]["detected"]) - start if hits else float("inf")
others = len(doc["incidents"]) - len(hits)
print(f"{sys.argv[3]}\t{sys.argv[4]}\t{sys.argv[5]}\t{latency:.3f}\t{others}")
PY
      tail -1 "$results"
    done
  done
done
python3 - "$results" <<'PY'
import sys
rows = [l.split("\t") for l in open(sys.argv[1]).read().splitlines()]
def stats(values):
    v = sorted(values)
    pick = lambda q: v[min(len(v) - 1, int(q * len(v)))]
    return f"n={len(v)} p50={v[(len(v) - 1) // 2]:.3f} s p90={pick(0.9):.3f} s worst={v[-1]:.3f} s"
for m in ("3", "5", "10"):
    print(f"{m}x threshold: {stats([float(r[3]) for r in rows if r[1] == m])}")
print(f"all: {stats([float(r[3]) for r in rows])}; incidents on other targets: {sum(int(r[4]) for r in rows)}")
PY
"$here/breakwater" simulate "$here/samples/background-only.yaml" --out "$work/bg.pcap" >/dev/null
"$here/breakwater" analyze "$work/bg.pcap" --json "$work/bg.json" >/dev/null
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('background-only incidents:', len(d['incidents']))" "$work/bg.json"
