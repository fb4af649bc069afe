#!/usr/bin/env bash
# 10,000 FlowSpec rules announced to BIRD 2 and withdrawn (docs/mitigation.md "Benchmarks"): a private BIRD on a loopback
# address waits passively with flow4/flow6 channels; Breakwater's speaker announces RULES distinct rules, the time until
# `birdc show route table flowtab4 count` reports them all, then withdraws them all and the time until it reports none.
# Prints the times, the speaker's managed memory for its table, its RSS, and BIRD's own memory with all rules held.
#
#   bench/bgp-10k-rules.sh [RULES]        default 10000
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rules="${1:-10000}"
work="$(mktemp -d /tmp/bw-bgp-rules.XXXXXX)"
address="127.0.$((RANDOM % 200 + 20)).$((RANDOM % 200 + 20))"
port=$((20000 + RANDOM % 20000))
cleanup() { [ -f "$work/bird.pid" ] && kill "$(cat "$work/bird.pid")" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
cat > "$work/bird.conf" <<CONF
router id $address;
protocol device {}
ipv4 table bwtab4;  ipv6 table bwtab6;
flow4 table flowtab4;  flow6 table flowtab6;
protocol bgp breakwater {
  local $address port $port as 65001;
  neighbor 127.0.0.1 as 65000;
  passive on;
  multihop;
  ipv4  { table bwtab4;   import all; export none; };
  ipv6  { table bwtab6;   import all; export none; };
  flow4 { table flowtab4; import all; export none; };
  flow6 { table flowtab6; import all; export none; };
}
CONF
bird -c "$work/bird.conf" -s "$work/bird.ctl" -P "$work/bird.pid"
dotnet build "$here/bench/Breakwater.Benchmarks" -c Release -nologo -v q >/dev/null
dotnet "$here/bench/Breakwater.Benchmarks/bin/Release/net10.0/Breakwater.Benchmarks.dll" bgp-rules "$address" "$port" "$work/bird.ctl" "$rules"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(bird --version 2>&1 | head -1)"
