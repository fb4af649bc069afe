#!/usr/bin/python3
"""Crafts the small reference captures that Breakwater.Wire.Tests decode and compare with tshark.

Run from this folder with /usr/bin/python3 (python3-scapy); then run ./make-goldens.sh, which asks tshark for
the per-packet fields the tests compare against. Both outputs are committed; rerun only to add cases.
Timestamps are fixed so the files are reproducible.
"""
import gzip
import shutil
import struct
import subprocess

from scapy.all import (ARP, GRE, ICMP, IP, TCP, UDP, CookedLinux, Dot1AD, Dot1Q, Ether, IPOption_RR,
                       IPv6, IPv6ExtHdrDestOpt, IPv6ExtHdrFragment, IPv6ExtHdrHopByHop, IPv6ExtHdrRouting,
                       ICMPv6EchoRequest, Raw, fragment, wrpcap)
from scapy.layers.l2 import CookedLinuxV2
from scapy.contrib.mpls import MPLS
from scapy.layers.ppp import PPP, PPPoE
from scapy.layers.sctp import SCTP

T0 = 1741615200  # 2025-03-10T14:00:00Z
MAC_A, MAC_B = "02:00:00:00:00:01", "02:00:00:00:00:02"
SYN_OPTIONS = [("MSS", 1460), ("SAckOK", b""), ("Timestamp", (1, 0)), ("NOP", None), ("WScale", 7)]


def stamp(packets, start=0):
    for i, p in enumerate(packets):
        p.time = T0 + start + i * 0.001 + 0.000123
    return packets


def ip_packets():
    """Layer-3 packets that every link type wraps."""
    return [
        IP(src="203.0.113.5", dst="198.51.100.7", ttl=51, id=4242) / TCP(sport=40000, dport=443, flags="S", window=64240, options=SYN_OPTIONS),
        IP(src="198.51.100.7", dst="203.0.113.5", id=7) / TCP(sport=443, dport=40000, flags="PA", window=501) / Raw(b"x" * 100),
        IP(src="192.0.2.53", dst="198.51.100.7", ttl=60) / UDP(sport=53, dport=33333) / Raw(b"\x00" * 300),
        IP(src="203.0.113.9", dst="198.51.100.7") / ICMP(type=8, code=0) / Raw(b"ping" * 8),
        IPv6(src="2001:db8::5", dst="2001:db8:1::7", hlim=33) / TCP(sport=1234, dport=80, flags="S", window=0),
        IPv6(src="2001:db8::9", dst="2001:db8:1::7") / UDP(sport=123, dport=5555) / Raw(b"n" * 48),
    ]


def ethernet_packets():
    packets = [Ether(src=MAC_A, dst=MAC_B) / p for p in ip_packets()]
    # VLAN and QinQ
    packets.append(Ether(src=MAC_A, dst=MAC_B) / Dot1Q(vlan=100) / IP(src="10.1.1.1", dst="10.2.2.2") / UDP(sport=1111, dport=2222) / Raw(b"v" * 20))
    packets.append(Ether(src=MAC_A, dst=MAC_B) / Dot1AD(vlan=200) / Dot1Q(vlan=300) / IP(src="10.1.1.3", dst="10.2.2.4") / TCP(sport=5, dport=6, flags="A"))
    packets.append(Ether(src=MAC_A, dst=MAC_B) / Dot1Q(vlan=7) / IPv6(src="2001:db8::a", dst="2001:db8::b") / UDP(sport=9, dport=10))
    # IPv4 options (record route)
    packets.append(Ether(src=MAC_A, dst=MAC_B) / IP(src="10.3.3.3", dst="10.4.4.4", options=[IPOption_RR(routers=["0.0.0.0"] * 3)]) / UDP(sport=7, dport=8) / Raw(b"o" * 10))
    # Non-IP
    packets.append(Ether(src=MAC_A, dst="ff:ff:ff:ff:ff:ff") / ARP(psrc="10.0.0.1", pdst="10.0.0.2"))
    # IPv4 fragments: first carries the UDP header, the others do not
    packets += [Ether(src=MAC_A, dst=MAC_B) / f for f in fragment(IP(src="192.0.2.77", dst="198.51.100.7", id=999) / UDP(sport=4444, dport=80) / Raw(b"f" * 2000), fragsize=1000)]
    # IPv6 with hop-by-hop, routing, destination options and a fragment header (first fragment, then a later one)
    ext = IPv6(src="2001:db8::1", dst="2001:db8:1::7") / IPv6ExtHdrHopByHop() / IPv6ExtHdrRouting(addresses=[]) / IPv6ExtHdrDestOpt()
    packets.append(Ether(src=MAC_A, dst=MAC_B) / ext / IPv6ExtHdrFragment(id=0x12345678, m=1, offset=0, nh=17) / UDP(sport=53, dport=5353, len=1208) / Raw(b"6" * 64))
    packets.append(Ether(src=MAC_A, dst=MAC_B) / IPv6(src="2001:db8::1", dst="2001:db8:1::7") / IPv6ExtHdrFragment(id=0x12345678, m=0, offset=9, nh=17) / Raw(b"7" * 64))
    packets.append(Ether(src=MAC_A, dst=MAC_B) / IPv6(src="2001:db8::1", dst="2001:db8:1::7") / IPv6ExtHdrHopByHop() / IPv6ExtHdrDestOpt() / TCP(sport=22, dport=2222, flags="R"))
    # ICMPv6
    packets.append(Ether(src=MAC_A, dst=MAC_B) / IPv6(src="2001:db8::1", dst="2001:db8:1::7") / ICMPv6EchoRequest() / Raw(b"e" * 16))
    # GRE: inner IPv4/UDP; key+sequence with inner IPv6/TCP; checksum+key+sequence with transparent Ethernet
    packets.append(Ether(src=MAC_A, dst=MAC_B) / IP(src="100.64.0.1", dst="198.51.100.7") / GRE() / IP(src="10.9.9.9", dst="172.16.0.1") / UDP(sport=1000, dport=27015) / Raw(b"TSource Engine Query\x00"))
    packets.append(Ether(src=MAC_A, dst=MAC_B) / IP(src="100.64.0.2", dst="198.51.100.7") / GRE(key_present=1, key=77, seqnum_present=1, seqence_number=5) / IPv6(src="2001:db8::2", dst="2001:db8:2::2") / TCP(sport=3000, dport=443, flags="S"))
    packets.append(Ether(src=MAC_A, dst=MAC_B) / IP(src="100.64.0.3", dst="198.51.100.7") / GRE(chksum_present=1, key_present=1, key=1, seqnum_present=1, seqence_number=9, proto=0x6558)
                   / Ether(src=MAC_B, dst=MAC_A) / IP(src="10.8.8.8", dst="172.16.0.9") / UDP(sport=2000, dport=53) / Raw(b"q" * 30))
    packets.append(Ether(src=MAC_A, dst=MAC_B) / IPv6(src="2001:db8::3", dst="2001:db8:1::7") / GRE() / IP(src="10.7.7.7", dst="172.16.0.2") / TCP(sport=80, dport=8080, flags="SA"))
    # SCTP
    packets.append(Ether(src=MAC_A, dst=MAC_B) / IP(src="10.5.5.5", dst="10.6.6.6") / SCTP(sport=2905, dport=2905))
    return stamp(packets)


def isp_packets():
    """Encapsulations seen on provider links: MPLS label stacks and PPPoE sessions."""
    e = Ether(src=MAC_A, dst=MAC_B)
    packets = [
        e / MPLS(label=16, s=1, ttl=64) / IP(src="203.0.113.5", dst="198.51.100.7") / TCP(sport=1, dport=80, flags="S"),
        e / MPLS(label=17, s=0) / MPLS(label=18, s=1) / IPv6(src="2001:db8::5", dst="2001:db8:1::7") / UDP(sport=2, dport=53),
        e / Dot1Q(vlan=10) / MPLS(label=19, s=1) / IP(src="203.0.113.6", dst="198.51.100.8") / UDP(sport=3, dport=123) / Raw(b"m" * 48),
        e / PPPoE(sessionid=7) / PPP(proto=0x0021) / IP(src="100.64.1.1", dst="198.51.100.7") / UDP(sport=4, dport=27015) / Raw(b"p" * 25),
        e / PPPoE(sessionid=8) / PPP(proto=0x0057) / IPv6(src="2001:db8::6", dst="2001:db8:1::7") / TCP(sport=5, dport=443, flags="A"),
        e / PPPoE(sessionid=9) / PPP(proto=0xC021) / Raw(b"\x01\x01\x00\x04"),
    ]
    return stamp(packets)


def null_frame(af, packet, big_endian):
    return Raw(struct.pack(">I" if big_endian else "<I", af) + bytes(packet))


def main():
    wrpcap("ethernet.pcap", ethernet_packets(), linktype=1)
    wrpcap("isp.pcap", isp_packets(), linktype=1)
    wrpcap("sll.pcap", stamp([CookedLinux(pkttype=0, lladdrtype=1, lladdrlen=6, src=b"\x02\x00\x00\x00\x00\x01\x00\x00", proto=0x0800 if p.version == 4 else 0x86DD) / p for p in ip_packets()]), linktype=113)
    wrpcap("sll2.pcap", stamp([CookedLinuxV2(proto=0x0800 if p.version == 4 else 0x86DD, ifindex=2, lladdrtype=1, pkttype=0, lladdrlen=6, src=b"\x02\x00\x00\x00\x00\x01\x00\x00") / p for p in ip_packets()]), linktype=276)
    wrpcap("raw.pcap", stamp([Raw(bytes(p)) for p in ip_packets()]), linktype=101)
    wrpcap("ipv4.pcap", stamp([Raw(bytes(p)) for p in ip_packets() if p.version == 4]), linktype=228)
    wrpcap("ipv6.pcap", stamp([Raw(bytes(p)) for p in ip_packets() if p.version == 6]), linktype=229)
    # BSD loopback: host-order AF (link type 0) from both byte orders; AF_INET6 as 24, 28 and 30
    null = [null_frame(2, ip_packets()[0], False), null_frame(2, ip_packets()[2], True), null_frame(24, ip_packets()[4], False),
            null_frame(28, ip_packets()[5], True), null_frame(30, ip_packets()[4], False)]
    wrpcap("null.pcap", stamp(null), linktype=0)
    wrpcap("loop.pcap", stamp([null_frame(2, ip_packets()[1], True), null_frame(30, ip_packets()[5], True)]), linktype=108)
    # Snap length 54 cuts TCP and UDP headers inside IPv6 and after IPv4 options
    subprocess.run(["editcap", "-s", "58", "ethernet.pcap", "truncated.pcap"], check=True)
    subprocess.run(["editcap", "-F", "pcapng", "ethernet.pcap", "ethernet.pcapng"], check=True)
    subprocess.run(["editcap", "-F", "nsecpcap", "ethernet.pcap", "ethernet-ns.pcap"], check=True)
    subprocess.run(["editcap", "-F", "pcapng", "ethernet-ns.pcap", "ethernet-ns.pcapng"], check=True)
    subprocess.run(["editcap", "-F", "pcapng", "sll2.pcap", "sll2.pcapng"], check=True)
    # Two sections with different link types in one pcapng file
    with open("sections.pcapng", "wb") as out:
        for name in ("sll2.pcapng", "ethernet-ns.pcapng"):
            with open(name, "rb") as part:
                out.write(part.read())
    with open("ethernet.pcap", "rb") as src, open("ethernet.pcap.gz", "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as dst:
            shutil.copyfileobj(src, dst)
    shutil.copy("ethernet.pcap.gz", "ethernet-gzip.bin")


if __name__ == "__main__":
    main()
