#!/usr/bin/env bash
# Fuzzes one decoder with AFL++ (Debian afl++) through SharpFuzz for SECONDS and records executions and findings.
#   bench/fuzz.sh TARGET [SECONDS]      TARGET: pcap packet sflow netflow5 netflow9 ipfix config | all
#   bench/fuzz.sh TARGET --smoke        runs only the seeds in-process (proves the target and its seeds; no AFL)
# Results: bench/results/fuzz-TARGET.txt (execs, paths, crashes, hangs); crashing inputs are copied to
# bench/results/fuzz-TARGET-crashes/ — each one becomes a regression test.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
targets=(pcap packet sflow netflow5 netflow9 ipfix config)
target=${1:?usage: bench/fuzz.sh TARGET [SECONDS|--smoke]}
seconds=${2:-600}
if [[ $target == all ]]; then
    for t in "${targets[@]}"; do "$0" "$t" "$seconds"; done
    exit 0
fi

work=${BREAKWATER_FUZZ_DIR:-$(mktemp -d /tmp/bw-fuzz-XXXXXX)}
bin=$work/bin
dotnet publish "$root/bench/Breakwater.Fuzz" -c Release -o "$bin" -nologo -v q >/dev/null

# Seed corpus: the test captures for pcap, their frames for packet, encoder output for flows, the samples for config.
seeds=$work/seeds-$target
rm -rf "$seeds" && mkdir -p "$seeds"
captures=$root/tests/Breakwater.Wire.Tests/Captures
case $target in
    pcap) find "$captures" -maxdepth 1 -type f -size -64k -exec cp {} "$seeds/" \; ;;
    packet)
        # First frames of the Ethernet capture, each prefixed with link selector 0 (Ethernet).
        python3 - "$captures/ethernet.pcap" "$seeds" <<'PY'
import struct, sys
data = open(sys.argv[1], 'rb').read()
offset, n = 24, 0
while offset + 16 <= len(data) and n < 16:
    length = struct.unpack_from('<I', data, offset + 8)[0]
    open(f"{sys.argv[2]}/frame{n}", 'wb').write(b'\x00' + data[offset + 16:offset + 16 + length])
    offset += 16 + length
    n += 1
PY
        ;;
    config) cp "$root"/samples/*.yaml "$seeds/" 2>/dev/null || true; printf 'networks:\n  - prefix: 198.51.100.0/24\n' > "$seeds/minimal.yaml" ;;
    sflow|netflow5|netflow9|ipfix) dotnet "$bin/Breakwater.Fuzz.dll" "$target" --seeds "$seeds" ;;
    *) echo "unknown target $target; targets: ${targets[*]}" >&2; exit 2 ;;
esac

if [[ $seconds == --smoke ]]; then
    dotnet "$bin/Breakwater.Fuzz.dll" "$target" --run "$seeds"
    exit 0
fi

# Instrument the code under test (not the harness), then let AFL++ drive the out-of-process target.
tools=$work/tools
[[ -x $tools/sharpfuzz ]] || dotnet tool install --tool-path "$tools" SharpFuzz.CommandLine >/dev/null
for dll in Breakwater.Wire.dll Breakwater.Ingest.dll Breakwater.Configuration.dll; do
    "$tools/sharpfuzz" "$bin/$dll" >/dev/null
done

out=$work/out-$target
mkdir -p "$root/bench/results"
AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 \
    afl-fuzz -i "$seeds" -o "$out" -t 10000 -m none -V "$seconds" -- "$bin/Breakwater.Fuzz" "$target" >"$work/afl-$target.log" 2>&1 || true

stats=$out/default/fuzzer_stats
result=$root/bench/results/fuzz-$target.txt
{
    echo "target: $target"
    echo "date: $(date -u +%FT%TZ)  commit: $(git -C "$root" rev-parse --short HEAD)  machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "requested seconds: $seconds"
    if [[ -f $stats ]]; then
        grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|bitmap_cvg|stability)\b' "$stats"
    else
        echo "no fuzzer_stats: see $work/afl-$target.log"; tail -20 "$work/afl-$target.log"
    fi
} | tee "$result"

crashes=$out/default/crashes
if compgen -G "$crashes/id*" >/dev/null; then
    mkdir -p "$root/bench/results/fuzz-$target-crashes"
    cp "$crashes"/id* "$root/bench/results/fuzz-$target-crashes/"
    echo "crashing inputs copied to bench/results/fuzz-$target-crashes/ (replay: dotnet $bin/Breakwater.Fuzz.dll $target --run DIR)"
fi
