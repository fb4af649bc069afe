#!/usr/bin/env bash
# Enrichment of 1 M distinct sources (country from the MMDB with MaxMind.Db, ASN from the ranges) on one core.
#   bench/forensics-enrichment.sh [SOURCES]     default 1000000; smoke run: bench/forensics-enrichment.sh 10000
# Needs the default data (./breakwater fetches it into data/). Prints the load: figures on a busy machine are upper bounds.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export BREAKWATER_DATA="${BREAKWATER_DATA:-$here/data}"
"$here/tools/fetch-geo-data" "$BREAKWATER_DATA"
dotnet build "$here/bench/Breakwater.Benchmarks" -c Release -nologo -v q >/dev/null
uptime
taskset -c 0 dotnet "$here/bench/Breakwater.Benchmarks/bin/Release/net10.0/Breakwater.Benchmarks.dll" geo-enrichment "${1:-1000000}"
