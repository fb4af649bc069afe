#!/usr/bin/python3
"""Captures for vector accuracy against the target's own normal traffic, made with scapy (not with our simulator).

dns-amplification-fragments-tls: a server keeps 30 TLS sessions going (its clients' ACKs and requests arrive at
about 440 packets/s) when DNS amplification hits it as IP fragments (large ANY responses from 300 reflectors,
two fragments each). Analysed with --threshold-pps 1000 --threshold-mbps 4, the attack must come out as
dns_amplification / ip_fragment_flood, and the sessions' packets must not be an ack_flood or tcp_data_flood.
Deterministic (fixed seed, explicit ids and times); writes NAME.pcap and NAME.truth.json beside this script.
"""
import importlib.util
import os
import random

from scapy.all import DNS, DNSQR, DNSRR, IP, TCP, UDP, Ether, Raw, fragment

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("make_attacks", os.path.join(HERE, "..", "make-attacks.py"))
attacks = importlib.util.module_from_spec(spec)
spec.loader.exec_module(attacks)

VICTIM = "203.0.113.80"


def tls_sessions(cap, start, duration, clients, server_pps):
    """Established TLS sessions on the victim's port 443: the server sends records, each client ACKs them and sends a request now and then."""
    sessions = [(c, attacks.rand_port(), random.randint(0, 2**32 - 1), random.randint(0, 2**32 - 1)) for c in clients]
    step = 1.0 / server_pps
    t = start
    i = 0
    while t < start + duration:
        client, cport, cseq, sseq = sessions[i % len(sessions)]
        record = bytes([0x17, 0x03, 0x03, 0x00, 60]) + bytes(random.getrandbits(8) for _ in range(60))
        cap.add(t, Ether(dst=attacks.UPSTREAM, src=attacks.ROUTER) / IP(src=VICTIM, dst=client, ttl=64, id=(i * 7) & 0xFFFF, flags="DF")
                / TCP(sport=443, dport=cport, flags="PA", seq=sseq, ack=cseq, window=501) / Raw(record))
        sseq = (sseq + len(record)) & 0xFFFFFFFF
        cap.add(t + 0.004, Ether(dst=attacks.ROUTER, src=attacks.UPSTREAM) / IP(src=client, dst=VICTIM, ttl=57, id=random.randint(0, 65535), flags="DF")
                / TCP(sport=cport, dport=443, flags="A", seq=cseq, ack=sseq, window=2048))
        if i % 10 == 0:
            request = bytes([0x17, 0x03, 0x03, 0x00, 40]) + bytes(random.getrandbits(8) for _ in range(40))
            cap.add(t + 0.006, Ether(dst=attacks.ROUTER, src=attacks.UPSTREAM) / IP(src=client, dst=VICTIM, ttl=57, id=random.randint(0, 65535), flags="DF")
                    / TCP(sport=cport, dport=443, flags="PA", seq=cseq, ack=sseq, window=2048) / Raw(request))
            cseq = (cseq + len(request)) & 0xFFFFFFFF
        sessions[i % len(sessions)] = (client, cport, cseq, sseq)
        i += 1
        t = round(t + step, 6)


def dns_amplification_fragments():
    cap = attacks.Capture("dns-amplification-fragments-tls")
    cap.name = os.path.join("Accuracy", cap.name)
    clients = [attacks.rand_v4() for _ in range(30)]
    tls_sessions(cap, attacks.BASE, 6, clients, 400)
    reflectors = [attacks.rand_v4() for _ in range(300)]
    responses = attacks.even_times(attacks.BASE + 2, 2.2, 330)
    times = []
    for n, t in enumerate(responses):
        name = "example.org"
        answers = None
        for k in range(7):
            rr = DNSRR(rrname=name, type="TXT", ttl=3600, rdata="v=spf1 " + "".join(random.choice(attacks.ALPHABET) for _ in range(230)))
            answers = rr if answers is None else answers / rr
        dns = DNS(id=random.randint(0, 65535), qr=1, aa=0, rd=1, ra=1, qd=DNSQR(qname=name, qtype="ANY"), an=answers)
        packet = IP(src=random.choice(reflectors), dst=VICTIM, ttl=random.randint(44, 60), id=(n * 13 + 1) & 0xFFFF) / UDP(sport=53, dport=random.choice([80, 443, 3074, attacks.rand_port()])) / dns
        for k, frag in enumerate(fragment(packet, fragsize=1480)):
            ft = round(t + k * 0.00002, 6)
            cap.add(ft, Ether(dst=attacks.ROUTER, src=attacks.UPSTREAM) / frag)
            times.append(ft)
    cap.attack("dns-amplification-fragments", VICTIM, [("dns_amplification", 0.5), ("ip_fragment_flood", 0.5)], times, len(times) / 2.2, False, len(reflectors))
    cap.write(440, 1)


if __name__ == "__main__":
    random.seed(sum(map(ord, "dns_amplification_fragments")))
    dns_amplification_fragments()
