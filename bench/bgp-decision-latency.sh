#!/usr/bin/env bash
# Decision → route in BIRD (docs/mitigation.md "Benchmarks"; target ≤ 100 ms): a real `breakwater run` in auto mode,
# peered with a private BIRD 2, gets RUNS SYN floods over sFlow, each on a new target. For each, the time from the
# incident.started event (the decision, wall clock) to the FlowSpec route for that target being listed by
# `birdc show route table flowtab4` (polled every few ms; the poll adds its own few ms). Prints each run, then p50 and worst.
#
#   bench/bgp-decision-latency.sh [RUNS]        default 20
#   BREAKWATER_DLL=path/breakwater.dll bench/bgp-decision-latency.sh 2     (an already built CLI instead of ./breakwater)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-20}"
bw() { if [ -n "${BREAKWATER_DLL:-}" ]; then dotnet "$BREAKWATER_DLL" "$@"; else "$here/breakwater" "$@"; fi; }
bw --help >/dev/null
work="$(mktemp -d /tmp/bw-bgp-latency.XXXXXX)"
address="127.0.$((RANDOM % 200 + 20)).$((RANDOM % 200 + 20))"
port=$((20000 + RANDOM % 20000))
sflow=$((40000 + RANDOM % 10000))
api=$((50000 + RANDOM % 10000))
daemon=""
cleanup() {
  [ -n "$daemon" ] && kill "$daemon" 2>/dev/null && wait "$daemon" 2>/dev/null || true
  [ -f "$work/bird.pid" ] && kill "$(cat "$work/bird.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
cat > "$work/bird.conf" <<CONF
router id $address;
protocol device {}
ipv4 table bwtab4;  ipv6 table bwtab6;
flow4 table flowtab4;  flow6 table flowtab6;
protocol static { ipv4 { table bwtab4; }; route 192.0.2.0/24 blackhole; }
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
cat > "$work/breakwater.yaml" <<YAML
networks: [ { prefix: 198.51.100.0/24, group: web } ]
groups: { web: { thresholds: { pps: 4000 } } }
collectors: { sflow: { listen: ["127.0.0.1:$sflow"] } }
detection: { quiet_seconds: 2 }
events: { file: "$work/events.jsonl" }
storage: { sqlite: { path: "$work/store.db" } }
api: { listen: "127.0.0.1:$api" }
bgp:
  local_as: 65000
  router_id: 192.0.2.1
  neighbors: [ { address: $address, port: $port, remote_as: 65001, local_address: 127.0.0.1 } ]
mitigation: { mode: auto, ttl: 10s, max_active: 1000, flowspec: { max_collateral: 0.05 } }
YAML
if [ -n "${BREAKWATER_DLL:-}" ]; then
  dotnet "$BREAKWATER_DLL" run --config "$work/breakwater.yaml" 2>"$work/daemon.log" &
else
  "$here/breakwater" run --config "$work/breakwater.yaml" 2>"$work/daemon.log" &
fi
daemon=$!
for _ in $(seq 100); do grep -q "listening for sflow" "$work/daemon.log" 2>/dev/null && break; sleep 0.1; done
until birdc -s "$work/bird.ctl" show protocols breakwater | grep -q Established; do sleep 0.2; done
python3 - "$here" "$work" "$sflow" "$runs" <<'PY'
import json, os, subprocess, sys, time, datetime
here, work, sflow, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
events = os.path.join(work, "events.jsonl")
def started_time(target, offset):
    with open(events) as f:
        f.seek(offset)
        for line in f:
            e = json.loads(line)
            if e["event"] == "incident.started" and e["incident"]["target"] == target:
                return datetime.datetime.fromisoformat(e["time"].replace("Z", "+00:00")).timestamp()
    return None
results = []
for run in range(runs):
    target = f"198.51.100.{10 + run}"
    scenario = os.path.join(work, f"run{run}.yaml")
    with open(scenario, "w") as f:
        f.write(f"""scenario: latency-{run}
seed: {run + 1}
background: {{ pps: 100, clients: 50, servers: 5, prefix: 198.51.100.0/24 }}
attacks:
  - {{ name: syn, target: {target}, start: 0.5s, duration: 4s, pps: 20000, vectors: [ {{ name: syn_flood, weight: 1.0, ports: [443] }} ], sources: {{ spoofed: true }} }}
duration: 5s
""")
    offset = os.path.getsize(events) if os.path.exists(events) else 0
    cli = ["dotnet", os.environ["BREAKWATER_DLL"]] if os.environ.get("BREAKWATER_DLL") else [os.path.join(here, "breakwater")]
    sim = subprocess.Popen(cli + ["simulate", scenario, "--export", "sflow", "--to", f"127.0.0.1:{sflow}", "--sampling", "16"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    decided = seen = None
    deadline = time.time() + 20
    while time.time() < deadline and seen is None:
        out = subprocess.run(["birdc", "-s", os.path.join(work, "bird.ctl"), "show", "route", "table", "flowtab4"], capture_output=True, text=True).stdout
        if f"dst {target}/32" in out:
            seen = time.time()
        else:
            time.sleep(0.002)
    decided = started_time(target, offset)
    sim.wait()
    if decided is None or seen is None:
        print(f"run {run}: {target} no incident or no route within 20 s"); continue
    ms = (seen - decided) * 1000
    results.append(ms)
    print(f"run {run}: {target} decision -> BIRD {ms:.1f} ms")
    time.sleep(1)
if results:
    results.sort()
    print(f"{len(results)} runs: p50 {results[len(results) // 2]:.1f} ms, worst {results[-1]:.1f} ms (target <= 100 ms)")
PY
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
