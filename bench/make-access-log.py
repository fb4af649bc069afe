#!/usr/bin/env python3
"""Writes a synthetic nginx access log (combined, main with X-Forwarded-For, or JSON) for benchmarks and examples.

  make-access-log.py OUT --seconds 600 --normal-rps 50 [--flood-rps 1500 --flood-start 200 --flood-seconds 60
                     --flood-clients 5 --proxies 0 --mirai] [--format combined|main|json] [--distinct-clients N]

Normal traffic: browsing from a pool of clients over a handful of pages and assets. The flood: --flood-clients
clients (or --proxies addresses carrying X-Forwarded-For chains) hitting a few paths with cache-busting queries.
--distinct-clients N makes every flood request come from one of N distinct addresses (memory-bound benchmarks).
"""
import argparse, random, time

MIRAI_UA = [
    "Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/51.0.2704.103 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/52.0.2743.116 Safari/537.36",
    "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/51.0.2704.103 Safari/537.36",
    "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/52.0.2743.116 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_6) AppleWebKit/601.7.7 (KHTML, like Gecko) Version/9.1.2 Safari/601.7.7",
]
BROWSER_UA = [
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
]
PAGES = ["/", "/products", "/products/42", "/cart", "/about", "/static/app.js", "/static/site.css", "/img/logo.png", "/search?q=shoes"]

def ip(n):
    return f"{(n >> 24) & 255 or 10}.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"

def main():
    a = argparse.ArgumentParser()
    a.add_argument("out"); a.add_argument("--seconds", type=int, default=600); a.add_argument("--normal-rps", type=int, default=50)
    a.add_argument("--flood-rps", type=int, default=0); a.add_argument("--flood-start", type=int, default=200)
    a.add_argument("--flood-seconds", type=int, default=60); a.add_argument("--flood-clients", type=int, default=5)
    a.add_argument("--proxies", type=int, default=0); a.add_argument("--mirai", action="store_true")
    a.add_argument("--distinct-clients", type=int, default=0); a.add_argument("--format", default="combined")
    a.add_argument("--start", type=int, default=1741615200); a.add_argument("--seed", type=int, default=1)
    o = a.parse_args()
    rnd = random.Random(o.seed)
    normal_clients = [ip(0xC6336400 + i) for i in range(2000)]  # 198.51.100.0/21-ish
    flood_clients = [ip(0xCB007100 + i) for i in range(max(o.flood_clients, 1))]  # 203.0.113.x
    proxies = [ip(0x0A000000 + rnd.randrange(1 << 24)) for _ in range(o.proxies)]
    with open(o.out, "w") as f:
        for s in range(o.seconds):
            t = o.start + s
            stamp = time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(t))
            iso = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(t))
            reqs = []
            for _ in range(o.normal_rps):
                reqs.append((rnd.choice(normal_clients), "GET", rnd.choice(PAGES), 200, rnd.choice(BROWSER_UA), "-", "0.0%02d" % rnd.randrange(5, 60)))
            if o.flood_rps and o.flood_start <= s < o.flood_start + o.flood_seconds:
                for i in range(o.flood_rps):
                    if o.distinct_clients:
                        client = ip(0x01000000 + rnd.randrange(o.distinct_clients) * 7919 % (1 << 31))
                    elif proxies:
                        client = rnd.choice(proxies)
                    else:
                        client = rnd.choice(flood_clients)
                    xff = f"{ip(0x50000000 + rnd.randrange(1 << 24))}, {client}" if proxies else "-"
                    path = rnd.choice(["/login", "/search"]) + f"?r={rnd.randrange(1 << 30)}"
                    ua = rnd.choice(MIRAI_UA) if o.mirai else "Mozilla/5.0 (compatible; flood)"
                    reqs.append((client, "GET", path, rnd.choice([200, 503, 503, 429]), ua, xff, "0.%03d" % rnd.randrange(200, 900)))
            rnd.shuffle(reqs)
            for client, method, path, status, ua, xff, rt in reqs:
                if o.format == "json":
                    f.write('{"time_iso8601":"%s","remote_addr":"%s","host":"shop.example","request_method":"%s","request_uri":"%s",'
                            '"status":%d,"body_bytes_sent":%d,"request_time":%s,"http_user_agent":"%s","http_referer":"","http_x_forwarded_for":"%s"}\n'
                            % (iso, client, method, path, status, 512, rt, ua, "" if xff == "-" else xff))
                else:
                    line = f'{client} - - [{stamp}] "{method} {path} HTTP/1.1" {status} 512 "-" "{ua}"'
                    if o.format == "main":
                        line += f' "{xff}"'
                    f.write(line + "\n")

main()
