#!/usr/bin/python3
"""Independent attack captures for the detection tests, made with scapy (not with our simulator).

Run with /usr/bin/python3 (Debian's python3-scapy). Deterministic: fixed random.seed, explicit IP ids,
sequence numbers and timestamps, so running it again rewrites byte-identical files. Each capture gets a
ground-truth file in the breakwater.truth/v1 format beside it (NAME.truth.json).
"""
import json
import os
import random
from datetime import datetime, timezone

from scapy.all import DNS, DNSQR, DNSRR, GRE, ICMP, IP, UDP, TCP, Ether, IPv6, Raw, PcapWriter, conf

conf.verb = 0
HERE = os.path.dirname(os.path.abspath(__file__))
BASE = int(datetime(2025, 3, 10, 10, 0, 0, tzinfo=timezone.utc).timestamp())
ROUTER = "00:1b:21:3a:00:01"
UPSTREAM = "00:0c:29:5e:00:02"
ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def rfc3339(t):
    return datetime.fromtimestamp(t, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def rand_v4():
    while True:
        a = random.randint(1, 223)
        if a not in (10, 127):
            return f"{a}.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"


def rand_v6():
    return "2%03x:%x:%x:%x:%x:%x:%x:%x" % tuple(random.randint(0, 0xFFF if i == 0 else 0xFFFF) for i in range(8))


def rand_port():
    return random.randint(1024, 65000)


class Capture:
    """Collects (time, frame) pairs, then writes them in time order with the truth file."""

    def __init__(self, name):
        self.name = name
        self.frames = []
        self.attacks = []

    def add(self, t, pkt):
        self.frames.append((t, pkt))

    def attack(self, name, target, vectors, times, pps, spoofed, sources):
        self.attacks.append({
            "name": name, "target": target, "targets": [target],
            "vectors": [{"name": n, "weight": w} for n, w in vectors],
            "start": rfc3339(min(times)), "end": rfc3339(max(times)),
            "pps": pps, "packets": len(times), "spoofed": spoofed, "sources": sources,
        })

    def write(self, background_pps, hosts):
        self.frames.sort(key=lambda f: f[0])
        path = os.path.join(HERE, self.name + ".pcap")
        writer = PcapWriter(path, linktype=1, sync=False)
        # write_packet() on raw bytes does not emit the file header by itself.
        writer.write_header(None)
        total = 0
        for t, pkt in self.frames:
            raw = bytes(pkt)
            total += len(raw)
            sec = int(t)
            writer.write_packet(raw, sec=sec, usec=int(round((t - sec) * 1e6)) % 1000000)
        writer.close()
        truth = {
            "schema": "breakwater.truth/v1", "scenario": self.name, "pcap": self.name + ".pcap",
            "packets": len(self.frames), "bytes": total,
            "first": rfc3339(self.frames[0][0]), "last": rfc3339(self.frames[-1][0]),
            "attacks": self.attacks, "background": {"pps": background_pps, "hosts": hosts},
        }
        with open(os.path.join(HERE, self.name + ".truth.json"), "w") as f:
            json.dump(truth, f, indent=2)
            f.write("\n")
        print(f"{self.name}: {len(self.frames)} packets, {os.path.getsize(path)} bytes")


def even_times(start, duration, pps):
    """Evenly spread packet times with small jitter (not bursts at the start of each second)."""
    count = int(duration * pps)
    step = 1.0 / pps
    # Truncated to microseconds here so the truth matches what the pcap stores.
    return [round(start + i * step + random.uniform(0, step * 0.5), 6) for i in range(count)]


def background(cap, start, duration, pps, servers, clients, v6=False):
    """Small, normal traffic: DNS lookups and short TCP exchanges, a few packets per second per host."""
    t = start
    while t < start + duration:
        client = random.choice(clients)
        server = random.choice(servers)
        ip = (lambda s, d: IPv6(src=s, dst=d, hlim=60)) if v6 else (lambda s, d: IP(src=s, dst=d, ttl=60, id=random.randint(0, 65535)))
        if random.random() < 0.4:
            qid = random.randint(0, 65535)
            name = f"www.site{random.randint(0, 999)}.example.com"
            cport = rand_port()
            cap.add(t, Ether(dst=ROUTER, src=UPSTREAM) / ip(client, server) / UDP(sport=cport, dport=53) / DNS(id=qid, rd=1, qd=DNSQR(qname=name)))
            cap.add(t + 0.01, Ether(dst=UPSTREAM, src=ROUTER) / ip(server, client) / UDP(sport=53, dport=cport)
                    / DNS(id=qid, qr=1, ra=1, rd=1, qd=DNSQR(qname=name), an=DNSRR(rrname=name, type="AAAA" if v6 else "A", rdata="2001:db8::1" if v6 else "192.0.2.1")))
            t += 2.0 / pps
        else:
            cport, seq, ack = rand_port(), random.randint(0, 2**32 - 1), random.randint(0, 2**32 - 1)
            cap.add(t, Ether(dst=ROUTER, src=UPSTREAM) / ip(client, server) / TCP(sport=cport, dport=443, flags="S", seq=seq, window=64240, options=[("MSS", 1460)]))
            cap.add(t + 0.02, Ether(dst=UPSTREAM, src=ROUTER) / ip(server, client) / TCP(sport=443, dport=cport, flags="SA", seq=ack, ack=seq + 1, window=65160, options=[("MSS", 1460)]))
            cap.add(t + 0.04, Ether(dst=ROUTER, src=UPSTREAM) / ip(client, server) / TCP(sport=cport, dport=443, flags="A", seq=seq + 1, ack=ack + 1, window=502))
            cap.add(t + 0.05, Ether(dst=ROUTER, src=UPSTREAM) / ip(client, server) / TCP(sport=cport, dport=443, flags="FA", seq=seq + 1, ack=ack + 1, window=502))
            cap.add(t + 0.07, Ether(dst=UPSTREAM, src=ROUTER) / ip(server, client) / TCP(sport=443, dport=cport, flags="FA", seq=ack + 1, ack=seq + 2, window=502))
            cap.add(t + 0.09, Ether(dst=ROUTER, src=UPSTREAM) / ip(client, server) / TCP(sport=cport, dport=443, flags="A", seq=seq + 2, ack=ack + 2, window=502))
            t += 6.0 / pps


def syn_flood():
    cap = Capture("syn-flood-scapy")
    servers = [f"203.0.113.{i}" for i in range(20, 30)]
    clients = [rand_v4() for _ in range(60)]
    background(cap, BASE, 6, 100, servers, clients)
    times = even_times(BASE + 2, 3.0, 8000)
    for t in times:
        cap.add(t, Ether(dst=ROUTER, src=UPSTREAM) / IP(src=rand_v4(), dst="203.0.113.10", ttl=random.randint(32, 250), id=random.randint(0, 65535))
                / TCP(sport=rand_port(), dport=80, flags="S", seq=random.randint(0, 2**32 - 1), window=random.choice([512, 1024, 5840, 64240])))
    cap.attack("syn", "203.0.113.10", [("syn_flood", 1.0)], times, 8000, True, len(times))
    cap.write(100, len(servers))


def ntp_amplification():
    cap = Capture("ntp-amplification-scapy")
    servers = [f"192.0.2.{i}" for i in range(10, 16)]
    clients = [rand_v4() for _ in range(20)]
    background(cap, BASE, 4, 30, servers, clients)
    reflectors = [rand_v4() for _ in range(400)]
    # Mode 7 MON_GETLIST_1 response: 8-byte header, 1 item of 72 bytes: 80 bytes of UDP payload, IP length 108
    # (a short monlist keeps the file small; two full seconds over the threshold make it an attack, not a blip).
    header = bytes([0xD7, 0x00, 0x03, 0x2A, 0x00, 0x01, 0x00, 0x48])
    times = even_times(BASE + 1, 2.2, 4600)
    for t in times:
        items = bytes(random.getrandbits(8) for _ in range(72))
        pkt = Ether(dst=ROUTER, src=UPSTREAM) / IP(src=random.choice(reflectors), dst="192.0.2.55", ttl=random.randint(40, 60), id=random.randint(0, 65535)) \
            / UDP(sport=123, dport=random.choice([80, 443, 3074, 27015, rand_port()])) / Raw(header + items)
        assert len(pkt[IP]) == 108
        cap.add(t, pkt)
    cap.attack("ntp", "192.0.2.55", [("ntp_amplification", 1.0)], times, 4600, False, len(reflectors))
    cap.write(30, len(servers))


def udp_flood_short():
    cap = Capture("udp-flood-40kpps-scapy")
    times = even_times(BASE, 0.3, 40000)
    sources = [rand_v4() for _ in range(2000)]
    for t in times:
        payload = "".join(random.choice(ALPHABET) for _ in range(64)).encode()
        cap.add(t, Ether(dst=ROUTER, src=UPSTREAM) / IP(src=random.choice(sources), dst="10.10.10.10", ttl=random.randint(40, 120), id=random.randint(0, 65535))
                / UDP(sport=rand_port(), dport=random.randint(1024, 65000)) / Raw(payload))
    cap.attack("udp", "10.10.10.10", [("udp_flood", 1.0)], times, 40000, False, len(sources))
    cap.write(0, 0)


def dns_water_torture():
    cap = Capture("dns-water-torture-scapy")
    servers = [f"198.51.100.{i}" for i in range(50, 56)]
    clients = [rand_v4() for _ in range(40)]
    background(cap, BASE, 5, 60, servers, clients)
    resolvers = [rand_v4() for _ in range(300)]
    times = even_times(BASE + 1, 2.2, 6000)
    for t in times:
        label = "".join(random.choice(ALPHABET) for _ in range(random.randint(8, 16)))
        cap.add(t, Ether(dst=ROUTER, src=UPSTREAM) / IP(src=random.choice(resolvers), dst="198.51.100.53", ttl=random.randint(50, 60), id=random.randint(0, 65535))
                / UDP(sport=rand_port(), dport=53) / DNS(id=random.randint(0, 65535), rd=1, qd=DNSQR(qname=f"{label}.victim-zone.example", qtype=random.choice(["A", "AAAA"]))))
    cap.attack("water-torture", "198.51.100.53", [("dns_water_torture", 1.0)], times, 6000, False, len(resolvers))
    cap.write(60, len(servers))


def gre_flood():
    cap = Capture("gre-flood-scapy")
    servers = [f"198.51.100.{i}" for i in range(10, 16)]
    clients = [rand_v4() for _ in range(30)]
    background(cap, BASE, 4, 40, servers, clients)
    bots = [rand_v4() for _ in range(800)]
    times = even_times(BASE + 1, 2.2, 4800)
    for t in times:
        src = random.choice(bots)
        payload = bytes(random.choice(ALPHABET.encode()) for _ in range(64))
        inner = IP(src=src, dst="198.51.100.20", ttl=64, id=random.randint(0, 65535)) / UDP(sport=rand_port(), dport=random.randint(1024, 65000)) / Raw(payload)
        cap.add(t, Ether(dst=ROUTER, src=UPSTREAM) / IP(src=src, dst="198.51.100.20", ttl=random.randint(40, 60), id=random.randint(0, 65535), flags="DF") / GRE(proto=0x0800) / inner)
    cap.attack("gre", "198.51.100.20", [("gre_flood", 1.0)], times, 4800, False, len(bots))
    cap.write(40, len(servers))


def ipv6_syn_flood():
    cap = Capture("ipv6-syn-flood-scapy")
    servers = [f"2001:db8:100::{i:x}" for i in range(16, 24)]
    clients = [rand_v6() for _ in range(40)]
    background(cap, BASE, 5, 60, servers, clients, v6=True)
    times = even_times(BASE + 1, 2.2, 7000)
    for t in times:
        cap.add(t, Ether(dst=ROUTER, src=UPSTREAM) / IPv6(src=rand_v6(), dst="2001:db8:100::7", hlim=random.randint(40, 250))
                / TCP(sport=rand_port(), dport=443, flags="S", seq=random.randint(0, 2**32 - 1), window=64240, options=[("MSS", 1440)]))
    cap.attack("syn6", "2001:db8:100::7", [("syn_flood", 1.0)], times, 7000, True, len(times))
    cap.write(60, len(servers))


if __name__ == "__main__":
    for make in (syn_flood, ntp_amplification, udp_flood_short, dns_water_torture, gre_flood, ipv6_syn_flood):
        random.seed(sum(map(ord, make.__name__)))
        make()
