#!/usr/bin/python3
"""Crafted captures for the forensics tests (spoofing verdicts, botnet shapes), made with scapy from the
published packet layouts, not with our simulator.

Run with /usr/bin/python3 (Debian's python3-scapy). Deterministic (fixed seed, explicit IP ids and times).
Source addresses of "real" hosts are taken from the public ASN ranges listed in ROUTED below (the first
addresses of well-known networks), so the routed-space checks see routed sources. Each capture holds one
attack of 3 s at 600 packets/s on 203.0.113.10 (analyse with --threshold-pps 200).

Layouts (Mirai bot/attack_*.c defaults): syn: 20 option bytes (MSS, SACK-permitted, timestamp, NOP, window
scale), window 0, TTL 64, DF, random IP id; udpplain: connected UDP socket, 512 random bytes, one source port
per host, kernel IP ids counting up; dns: 12 random letters/digits label under a domain, to a resolver; stomp:
a real handshake then PSH+ACK with 768 random bytes; http: User-Agent, Host, Connection, Accept, Accept-Language
in that order with one of five user agents. hping3 -S --flood: no options, window 64, random source port.
"""
import os
import random
from datetime import datetime, timezone

from scapy.all import DNS, DNSQR, IP, TCP, UDP, Ether, Raw, PcapWriter, conf

conf.verb = 0
HERE = os.path.dirname(os.path.abspath(__file__))
BASE = int(datetime(2025, 3, 10, 14, 0, 0, tzinfo=timezone.utc).timestamp())
TARGET = "203.0.113.10"
PPS = 600
SECONDS = 3
ALNUM = "abcdefghijklmnopqrstuvw012345678"
ROUTED = ["8.8.8.", "1.1.1.", "9.9.9.", "81.2.69.", "89.160.20.", "175.16.199.", "216.160.83.", "2.125.160.",
          "31.13.64.", "151.101.1.", "104.16.0.", "23.32.0.", "13.32.0.", "52.0.0.", "185.60.216.", "77.88.55."]
AGENTS = [
    "Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/51.0.2704.103 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/52.0.2743.116 Safari/537.36",
    "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/51.0.2704.103 Safari/537.36",
    "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/52.0.2743.116 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_6) AppleWebKit/601.7.7 (KHTML, like Gecko) Version/9.1.2 Safari/601.7.7",
]


def eth(pkt):
    return Ether(src="00:1b:21:3a:00:01", dst="00:0c:29:5e:00:02") / pkt


def hosts(n):
    return [ROUTED[i % len(ROUTED)] + str(10 + i // len(ROUTED)) for i in range(n)]


def mirai_syn_options():
    return [("MSS", 1400 + random.randint(0, 15)), ("SAckOK", b""), ("Timestamp", (random.getrandbits(32), 0)), ("NOP", None), ("WScale", 6)]


def write(name, frames):
    frames.sort(key=lambda f: f[0])
    writer = PcapWriter(os.path.join(HERE, name + ".pcap"), linktype=1, sync=False)
    writer.write_header(None)
    for t, pkt in frames:
        sec = int(t)
        writer.write_packet(bytes(pkt), sec=sec, usec=int(round((t - sec) * 1e6)) % 1000000)
    writer.close()


def times():
    n = PPS * SECONDS
    return [BASE + i / PPS for i in range(n)]


def random_source():
    # Forged: uniform over the whole IPv4 space, bogons included (what random-source tools send).
    return "%d.%d.%d.%d" % (random.randint(0, 255), random.randint(0, 255), random.randint(0, 255), random.randint(0, 255))


def hping3_syn_random_source():
    frames = []
    for t in times():
        ip = IP(src=random_source(), dst=TARGET, ttl=random.randint(1, 255), id=random.getrandbits(16))
        frames.append((t, eth(ip / TCP(sport=random.randint(1024, 65535), dport=80, flags="S", window=64, seq=random.getrandbits(32)))))
    write("forged-syn-hping3", frames)


def mirai_syn():
    src = hosts(200)
    frames = []
    for i, t in enumerate(times()):
        ip = IP(src=src[i % len(src)], dst=TARGET, ttl=64 - (i % len(src)) % 12, id=random.getrandbits(16), flags="DF")
        tcp = TCP(sport=random.getrandbits(16), dport=random.getrandbits(16), flags="S", window=0, seq=random.getrandbits(32),
                  options=mirai_syn_options())
        frames.append((t, eth(ip / tcp)))
    write("mirai-syn", frames)


def stack_syn():
    # A real TCP stack's SYNs (Linux): 20 option bytes in another order and a non-zero window.
    src = hosts(200)
    frames = []
    for i, t in enumerate(times()):
        ip = IP(src=src[i % len(src)], dst=TARGET, ttl=52, id=random.getrandbits(16), flags="DF")
        tcp = TCP(sport=random.randint(32768, 60999), dport=443, flags="S", window=64240, seq=random.getrandbits(32),
                  options=[("MSS", 1460), ("SAckOK", b""), ("Timestamp", (random.getrandbits(32), 0)), ("NOP", None), ("WScale", 7)])
        frames.append((t, eth(ip / tcp)))
    write("stack-syn", frames)


def udpplain_few_hosts():
    src = hosts(5)
    sports = {s: random.randint(32768, 60999) for s in src}
    ids = {s: random.getrandbits(16) for s in src}
    frames = []
    for i, t in enumerate(times()):
        s = src[i % len(src)]
        ids[s] = (ids[s] + 1) & 0xFFFF
        ip = IP(src=s, dst=TARGET, ttl=50, id=ids[s], flags="DF")
        frames.append((t, eth(ip / UDP(sport=sports[s], dport=443) / Raw(os.urandom(512)))))
    write("udpplain-few-hosts", frames)


def ntp_reflection():
    reflectors = hosts(160)
    frames = []
    for i, t in enumerate(times()):
        ip = IP(src=reflectors[i % len(reflectors)], dst=TARGET, ttl=49, id=random.getrandbits(16))
        # mode 7 monlist response: 8-byte header and 6 entries of 72 bytes.
        frames.append((t, eth(ip / UDP(sport=123, dport=41234) / Raw(bytes([0xD7, 0x00, 0x03, 0x2A, 0x00, 0x06, 0x00, 0x48]) + os.urandom(432)))))
    write("ntp-reflection", frames)


def mirai_dns():
    src = hosts(100)
    frames = []
    for i, t in enumerate(times()):
        label = "".join(random.choice(ALNUM) for _ in range(12))
        ip = IP(src=src[i % len(src)], dst=TARGET, ttl=64, id=random.getrandbits(16))
        dns = DNS(id=random.getrandbits(16), rd=1, qd=DNSQR(qname=label + ".victim-example.com", qtype="A"))
        frames.append((t, eth(ip / UDP(sport=random.getrandbits(16), dport=53) / dns)))
    write("mirai-dns", frames)


def mirai_stomp():
    src = hosts(50)
    frames = []
    t0 = BASE - 0.5
    ports = {}
    for j, s in enumerate(src):
        sport = random.randint(32768, 60999)
        ports[s] = sport
        frames.append((t0 + j * 0.002, eth(IP(src=s, dst=TARGET, ttl=64) / TCP(sport=sport, dport=80, flags="S", seq=1000, window=64240,
                                                                         options=[("MSS", 1460)]))))
        frames.append((t0 + j * 0.002 + 0.001, eth(IP(src=s, dst=TARGET, ttl=64) / TCP(sport=sport, dport=80, flags="A", seq=1001, ack=5001))))
    for i, t in enumerate(times()):
        s = src[i % len(src)]
        ip = IP(src=s, dst=TARGET, ttl=64, id=random.getrandbits(16), flags="DF")
        frames.append((t, eth(ip / TCP(sport=ports[s], dport=80, flags="PA", seq=1001, ack=5001, window=random.getrandbits(16)) / Raw(os.urandom(768)))))
    write("mirai-stomp", frames)


def mirai_http():
    src = hosts(60)
    frames = []
    for i, t in enumerate(times()):
        s = src[i % len(src)]
        request = ("GET / HTTP/1.1\r\nUser-Agent: " + AGENTS[i % 5] + "\r\nHost: victim.example\r\nConnection: keep-alive\r\n"
                   "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/webp,*/*;q=0.8\r\n"
                   "Accept-Language: en-US,en;q=0.8\r\n\r\n")
        ip = IP(src=s, dst=TARGET, ttl=64, id=random.getrandbits(16), flags="DF")
        frames.append((t, eth(ip / TCP(sport=40000 + (i % 60), dport=80, flags="PA", seq=1 + i * 400, ack=1, window=502) / Raw(request.encode()))))
    write("mirai-http", frames)


if __name__ == "__main__":
    random.seed(9)
    hping3_syn_random_source()
    mirai_syn()
    stack_syn()
    udpplain_few_hosts()
    ntp_reflection()
    mirai_dns()
    mirai_stomp()
    mirai_http()
