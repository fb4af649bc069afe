#!/usr/bin/env bash
# Start-up time of `breakwater analyze` on a one-packet capture: the median wall-clock seconds of N runs, measured
# with /usr/bin/time (whole process: runtime start, JIT or ReadyToRun code, reading, analysis, summary).
# Usage: bench/startup.sh [RUNS] [COMMAND…]   (default: 20 runs of ./breakwater; give e.g. "dotnet /tmp/r2r/breakwater.dll")
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-20}"
shift || true
if [ "$#" -eq 0 ]; then
  "$here/breakwater" --help >/dev/null   # builds on first use, outside the measurement
  set -- "$here/breakwater"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# One Ethernet/IPv4/UDP frame in a little-endian microsecond pcap.
python3 - "$work/one.pcap" <<'PY'
import struct, sys
frame = bytes(12) + b"\x08\x00" + bytes([0x45, 0, 0, 48, 0, 0, 0, 0, 64, 17, 0, 0, 192, 0, 2, 1, 198, 51, 100, 7]) \
    + struct.pack(">HHHH", 1234, 53, 28, 0) + bytes(20)
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    f.write(struct.pack("<IIII", 1741615200, 0, len(frame), len(frame)) + frame)
PY

"$@" analyze "$work/one.pcap" >/dev/null 2>&1 || true   # warm the page cache
for i in $(seq "$runs"); do
  /usr/bin/time -f "%e" -o "$work/t" "$@" analyze "$work/one.pcap" >/dev/null 2>&1
  cat "$work/t" >> "$work/times"
done
median="$(sort -n "$work/times" | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')"
best="$(sort -n "$work/times" | head -1)"
echo "runs=$runs median=${median}s best=${best}s load=\"$(cut -d' ' -f1-3 /proc/loadavg)\" command=\"$*\""
