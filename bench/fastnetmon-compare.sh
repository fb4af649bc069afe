#!/usr/bin/env bash
# Side-by-side detection comparison of Breakwater and FastNetMon 1.2.4 (Debian `fastnetmon`) on the SAME live sFlow
# stream. Inside a private network namespace: tcpreplay sends a simulated pcap in real time into veth0; two pmacctd
# (sfprobe plugin, one per receiver) sample veth1 and export sFlow v5 to Breakwater and to FastNetMon, both on the
# namespace's 127.0.0.1. Per attack and per tool: detection latency (detection wall time - attack start wall time),
# vector name(s), samples received vs packets sent.
#
#   bench/fastnetmon-compare.sh [SAMPLING=1] [SCENARIO ...]
#     SAMPLING 1    default scenarios: fnm-syn-flood fnm-ntp-amplification fnm-dns-water-torture (10,000 pps, 25 s)
#     SAMPLING 1024 default scenario : fnm-syn-sampled (4,000 pps for 10 s = 2x the threshold)
#   THRESHOLD_PPS (default 2000) is given to both tools. Needs root, fastnetmon, pmacct, tcpreplay, python3.
#   Prints a Markdown table row per (scenario, tool) on stdout; logs go to the work directory it names.
#
# Attack start: a raw-socket listener on veth1 stamps the first frame to the attack's target (on a loaded machine
# tcpreplay falls behind the pcap clock, so T0 + (truth start - first packet) would be early; it is the fallback).
# Breakwater's detection time is `incident.detected` of its first `incident.started` for the target; FastNetMon's
# is the wall time its notify script was called with `ban`, its vector the `Attack type:` line of the attack details.
# pmacct 1.7.7 wants `pcap_interface:` (it ignores `interface:`) and `sampling_rate:`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sampling="${1:-1}"; shift || true
threshold="${THRESHOLD_PPS:-2000}"
if [ "$#" -gt 0 ]; then scenarios=("$@")
elif [ "$sampling" = 1 ]; then scenarios=(fnm-syn-flood fnm-ntp-amplification fnm-dns-water-torture)
else scenarios=(fnm-syn-sampled)
fi
for tool in fastnetmon pmacctd tcpreplay python3 curl ip; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y fastnetmon pmacct tcpreplay curl)" >&2; exit 2; }
done
"$here/breakwater" --help >/dev/null
bw_dll="$here/.build/cli/breakwater.dll"

work="$(mktemp -d /tmp/fnm-compare.XXXXXX)"
ns="bwfnm$$"
pids=()
stop_pids()
{
  local p
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for _ in $(seq 1 50); do
    local alive=0
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  pids=()
}
cleanup()
{
  stop_pids
  ip netns del "$ns" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ip netns add "$ns"
nsx() { ip netns exec "$ns" "$@"; }
nsx ip link set lo up
# No IPv6 neighbour discovery on the veth pair: only the replayed frames cross it.
nsx sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 || true
nsx ip link add veth0 type veth peer name veth1
nsx ip link set veth0 up
nsx ip link set veth1 up
# Both collectors' sockets see the same kernel defaults; Breakwater forces its own 4 MiB buffer as root, FastNetMon keeps
# the default (~208 KiB), as in production.
mkdir -p /var/log/fastnetmon_attacks

cat > "$work/first-frame.py" <<'EOF'
# Prints the wall time of the first IPv4 frame on the interface (the replay's T0) and of the first frame to each
# attack target (the attack's real start: on a loaded machine tcpreplay can fall behind the pcap's clock).
import socket, sys, time
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0800))
s.bind((sys.argv[1], 0))
targets = {socket.inet_aton(t) for t in sys.argv[2].split(",") if t}
print("ready", flush=True)
first = True
while targets:
    frame = s.recv(65535)
    now = time.time()
    if first:
        print(f"first {now:.6f}", flush=True)
        first = False
    dst = frame[30:34]
    if dst in targets:
        print(f"attack {socket.inet_ntoa(dst)} {now:.6f}", flush=True)
        targets.discard(dst)
EOF

echo "| scenario | sampling | tool | latency s | vector name(s) | pps reported | samples received / sent |"
echo "|---|---|---|---|---|---|---|"

run_one()
{
  local name="$1" dir="$work/$2-$1"
  mkdir -p "$dir"
  local pcap="$dir/$name.pcap" truth="$dir/$name.truth.json"
  dotnet "$bw_dll" simulate "$here/bench/scenarios/$name.yaml" --out "$pcap" > "$dir/simulate.log"
  local fnm_port=$(( 21000 + RANDOM % 1000 )) bw_port=$(( 22000 + RANDOM % 1000 ))

  # FastNetMon: the packaged config with sFlow on the namespace's loopback, one network, pps threshold only.
  echo "198.51.100.0/24" > "$dir/networks"
  : > "$dir/whitelist"
  sed -E \
    -e "s|^sflow = .*|sflow = on|" -e "s|^sflow_host = .*|sflow_host = 127.0.0.1|" -e "s|^sflow_port = .*|sflow_port = $fnm_port|" \
    -e "s|^networks_list_path = .*|networks_list_path = $dir/networks|" \
    -e "s|^white_list_path = .*|white_list_path = $dir/whitelist|" \
    -e "s|^threshold_pps = .*|threshold_pps = $threshold|" \
    -e "s|^ban_for_bandwidth = .*|ban_for_bandwidth = off|" \
    -e "s|^notify_script_path = .*|notify_script_path = $dir/notify.sh|" \
    -e "s|^disable_usage_report = .*|disable_usage_report = on|" \
    -e "s|^prometheus_host = .*|prometheus_host = 127.0.0.1|" \
    /etc/fastnetmon.conf > "$dir/fastnetmon.conf"
  # FastNetMon notify script: IP direction pps action, details on stdin; stamp the wall time of each call.
  cat > "$dir/notify.sh" <<EOF
#!/bin/sh
now=\$(date +%s.%N)
echo "\$now \$*" >> "$dir/notify.log"
cat > "$dir/notify.log.\$4.\$(date +%s%N).txt"
EOF
  chmod +x "$dir/notify.sh"
  ls /var/log/fastnetmon_attacks > "$dir/attacks.before" 2>/dev/null || true
  timeout 300 ip netns exec "$ns" fastnetmon --configuration_file "$dir/fastnetmon.conf" \
    --log_to_console --disable_pid_logic > "$dir/fastnetmon.log" 2>&1 &
  pids+=($!)

  cat > "$dir/bw.yaml" <<EOF
networks: [ { prefix: 198.51.100.0/24, group: web } ]
groups: { web: { thresholds: { pps: $threshold } } }
collectors: { sflow: { listen: ["127.0.0.1:$bw_port"] } }
events: { file: "$dir/events.jsonl" }
EOF
  timeout 300 ip netns exec "$ns" dotnet "$bw_dll" run --config "$dir/bw.yaml" > "$dir/breakwater.out" 2> "$dir/breakwater.err" &
  pids+=($!)

  local port
  for port in $fnm_port $bw_port; do
    cat > "$dir/pmacctd-$port.conf" <<EOF
daemonize: false
pcap_interface: veth1
plugins: sfprobe
sfprobe_receiver: 127.0.0.1:$port
sfprobe_agentip: 127.0.0.1
sampling_rate: $sampling
plugin_pipe_size: 262144000
plugin_buffer_size: 65536
EOF
    timeout 300 ip netns exec "$ns" pmacctd -f "$dir/pmacctd-$port.conf" > "$dir/pmacctd-$port.log" 2>&1 &
    pids+=($!)
  done

  local targets
  targets=$(python3 -c 'import json,sys; print(",".join(t for a in json.load(open(sys.argv[1]))["attacks"] for t in a["targets"] if ":" not in t))' "$truth")
  timeout 300 ip netns exec "$ns" python3 "$work/first-frame.py" veth1 "$targets" > "$dir/t0" 2>&1 &
  pids+=($!)
  # Wait until Breakwater has written its startup line, FastNetMon's Prometheus endpoint answers and the sniffer is up.
  local i
  for i in $(seq 1 60); do
    if grep -q . "$dir/breakwater.err" 2>/dev/null && grep -q ready "$dir/t0" 2>/dev/null \
       && nsx curl -sf "http://127.0.0.1:9209/metrics" > /dev/null 2>&1; then break; fi
    sleep 0.5
  done
  sleep 3  # pmacctd opens its capture and plugin pipes

  nsx cat /proc/net/snmp > "$dir/snmp.before" 2>/dev/null || true
  timeout 180 ip netns exec "$ns" tcpreplay -K -i veth0 "$pcap" > "$dir/tcpreplay.log" 2>&1 || echo "tcpreplay failed: $(tail -3 "$dir/tcpreplay.log")" >&2
  sleep 10  # FastNetMon averages over 5 s and checks every second; pmacctd flushes its buffers
  nsx curl -s "http://127.0.0.1:9209/metrics" > "$dir/fastnetmon.metrics" 2>/dev/null || true
  # Kernel UDP counters of the namespace: receive-buffer overflows are datagrams a collector socket lost.
  nsx cat /proc/net/snmp > "$dir/snmp" 2>/dev/null || true
  stop_pids
  ls /var/log/fastnetmon_attacks > "$dir/attacks.after" 2>/dev/null || true
  local f
  for f in $(comm -13 <(sort "$dir/attacks.before") <(sort "$dir/attacks.after")); do
    cp "/var/log/fastnetmon_attacks/$f" "$dir/fnm-attack-$f" 2>/dev/null || true
  done

  python3 - "$dir" "$truth" "$sampling" "$name" <<'EOF'
import glob, json, os, re, sys
from datetime import datetime
d, truth_path, sampling, name = sys.argv[1:]
truth = json.load(open(truth_path))

def ts(s):
    s = s.replace("Z", "+00:00")
    m = re.match(r"(.*\.\d{6})\d*(\+.*)", s)   # Python wants at most microseconds
    if m: s = m.group(1) + m.group(2)
    return datetime.fromisoformat(s).timestamp()

first = ts(truth["first"])
t0, seen = None, {}
for line in open(os.path.join(d, "t0")):
    p = line.split()
    if p[0] == "first": t0 = float(p[1])
    if p[0] == "attack": seen[p[1]] = float(p[2])
replay = open(os.path.join(d, "tcpreplay.log")).read()
m = re.search(r"sent in ([0-9.]+) seconds", replay)
took = float(m.group(1)) if m else None
sent = truth["packets"]
m = re.search(r"Actual: (\d+) packets", replay)
if m: sent = int(m.group(1))

events = []
if os.path.exists(os.path.join(d, "events.jsonl")):
    for line in open(os.path.join(d, "events.jsonl")):
        try: events.append(json.loads(line))
        except ValueError: pass
stats = [e for e in events if e.get("event") == "collector.stats"]
bw_records = stats[-1].get("records") if stats else None
bw_drops = stats[-1].get("drops") if stats else None
bw_datagrams = stats[-1].get("datagrams") if stats else None
# Busiest 10-second window of the sFlow stream (collector.stats comes every 10 s with running totals).
peak_dps = 0.0
for a_, b_ in zip(stats, stats[1:]):
    dt = ts(b_["time"]) - ts(a_["time"])
    if dt > 1: peak_dps = max(peak_dps, (b_["datagrams"] - a_["datagrams"]) / dt)
def rcvbuf_errors(path):
    try:
        udp = [l.split() for l in open(path) if l.startswith("Udp:")]
        return int(udp[1][udp[0].index("RcvbufErrors")])
    except (OSError, ValueError, IndexError):
        return None
after, before = rcvbuf_errors(os.path.join(d, "snmp")), rcvbuf_errors(os.path.join(d, "snmp.before"))
rcvbuf = after - before if after is not None and before is not None else after
print(f"<!-- {name}: sFlow datagrams per receiver {bw_datagrams} (busiest 10 s: {peak_dps:.0f}/s); kernel UDP RcvbufErrors in the namespace during the replay: {rcvbuf} -->")

metrics = open(os.path.join(d, "fastnetmon.metrics")).read() if os.path.exists(os.path.join(d, "fastnetmon.metrics")) else ""
fnm_samples = None
m = re.search(r"^fastnetmon_total_simple_packets_processed\s+(\d+)", metrics, re.M)
if m: fnm_samples = ("samples", float(m.group(1)))

notify = []
if os.path.exists(os.path.join(d, "notify.log")):
    for line in open(os.path.join(d, "notify.log")):
        p = line.split()
        if len(p) >= 5: notify.append((float(p[0]), p[1], p[2], p[3], p[4]))
fnm_types = []
for f in sorted(glob.glob(os.path.join(d, "fnm-attack-*")) + glob.glob(os.path.join(d, "notify.log.*.txt"))):
    for line in open(f, errors="replace"):
        m = re.search(r"Attack type:\s*(\S+)", line)
        if m and m.group(1) not in fnm_types: fnm_types.append(m.group(1))
fnm_power = None
for f in sorted(glob.glob(os.path.join(d, "fnm-attack-*"))):
    m = re.search(r"Initial attack power:\s*(\d+)", open(f, errors="replace").read())
    if m and fnm_power is None: fnm_power = int(m.group(1))

def fmt(x): return "–" if x is None else f"{x:.1f}"
for a in truth["attacks"]:
    targets = set(a["targets"])
    # The attack's first frame as seen on veth1; the pcap-clock mapping T0 + offset only if the sniffer missed it.
    seen_t = [seen[t] for t in targets if t in seen]
    start_wall = min(seen_t) if seen_t else (t0 + (ts(a["start"]) - first) if t0 is not None else None)
    if t0 is not None and seen_t:
        lag = start_wall - t0 - (ts(a["start"]) - first)
        span = ts(truth["last"]) - first
        print(f"<!-- {name}: attack reached veth1 {lag:+.2f} s off the pcap clock; replay of {span:.1f} s took {took} s -->")
    inc = [e["incident"] for e in events if e.get("event") == "incident.started" and e["incident"].get("target") in targets]
    if inc:
        det = ts(inc[0].get("detected") or inc[0].get("start"))
        lat = det - start_wall if start_wall is not None else None
        vec = ", ".join(v["name"] for v in inc[0].get("vectors", [])) or "?"
        rate = f'{inc[0].get("peak_pps", 0):,} (peak at start)'
    else:
        lat, vec, rate = None, "not detected", "–"
    recv = f"{bw_records:,} records in {bw_datagrams:,} datagrams / {sent:,} packets" if bw_records is not None else "?"
    if bw_drops: recv += f" (drops {bw_drops})"
    print(f"| {name} | 1:{sampling} | Breakwater | {fmt(lat)} | {vec} | {rate} | {recv} |")
    bans = [n for n in notify if n[1] in targets and n[4] == "ban"]
    if bans:
        lat = bans[0][0] - start_wall if start_wall is not None else None
        vec = ", ".join(fnm_types) or "? (no Attack type line)"
        rate = f"{fnm_power:,} (initial attack power)" if fnm_power else bans[0][3]
    else:
        lat, vec, rate = None, "not detected", "–"
    if fnm_samples:
        recv = f"{int(fnm_samples[1]):,} {fnm_samples[0]} / {sent:,} packets"
    else:
        recv = "? (no sflow metric)"
    print(f"| {name} | 1:{sampling} | FastNetMon 1.2.4 | {fmt(lat)} | {vec} | {rate} | {recv} |")
EOF
}

n=0
for s in "${scenarios[@]}"; do
  n=$((n + 1))
  run_one "$s" "$n" || echo "| $s | 1:$sampling | (run failed, see $work/$s) | | | | |"
done
echo "work directory: $work" >&2
