#!/bin/sh
# Asks tshark (the reference decoder) for the per-packet fields that GoldenCaptureTests compare with
# PacketDecoder, one <capture>.tsv per capture: tab-separated, '|' between occurrences of one field (GRE
# packets have an outer and an inner ip.dst), reassembly off so fragments stay as captured.
# Keep FIELDS in sync with GoldenCaptureTests.Fields.
set -eu
cd "$(dirname "$0")"
FIELDS="frame.number frame.time_epoch frame.len frame.protocols ip.src ip.dst ipv6.src ipv6.dst ip.proto ip.len ip.id ip.ttl
ip.hdr_len ip.flags.mf ip.frag_offset ipv6.plen ipv6.hlim ipv6.fraghdr.offset ipv6.fraghdr.ident ipv6.fraghdr.nxt tcp.srcport
tcp.dstport tcp.flags tcp.window_size_value tcp.hdr_len tcp.len udp.srcport udp.dstport udp.length icmp.type icmp.code
icmpv6.type icmpv6.code gre.proto sctp.srcport sctp.dstport ipv6.fraghdr.more"
ARGS=""
for f in $FIELDS; do ARGS="$ARGS -e $f"; done
for capture in *.pcap *.pcapng *.pcap.gz *.bin; do
  # shellcheck disable=SC2086
  tshark -r "$capture" -o ip.defragment:FALSE -o ipv6.defragment:FALSE -T fields -E separator=/t -E occurrence=a \
    -E aggregator='|' $ARGS > "$capture.tsv" 2>/dev/null
done
