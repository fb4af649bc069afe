#!/usr/bin/env python3
"""Writes reports.csv: a day of user outage reports shaped like 10 March 2025 (1-minute buckets, UTC).

Three waves, as outage trackers saw them: morning (05:47 US Eastern = 09:47 UTC), mid-morning (10:02 EDT = 14:02 UTC)
and midday (12:02 EDT = 16:02 UTC), each growing larger; about 56 % of reports about the app, 33 % about the website,
the rest other. The normal level follows a US daily pattern. Deterministic (fixed seed); written by hand rules, not by
Breakwater, so the test that reads it checks Breakwater against an independent picture.
"""
import datetime, math, random

random.seed(20250310)
start = datetime.datetime(2025, 3, 10, tzinfo=datetime.timezone.utc)
# (start minute of day UTC, ramp minutes, plateau minutes, decay minutes, extra reports per minute at the plateau)
waves = [(9 * 60 + 47, 6, 35, 15, 420), (14 * 60 + 2, 5, 50, 18, 1500), (16 * 60 + 2, 5, 65, 20, 2600)]


def normal(minute):
    hours = minute / 60
    return 25 + 15 * math.sin((hours - 14) / 24 * 2 * math.pi)  # quiet at US night, busier in the US afternoon


def extra(minute):
    for s, up, plateau, down, peak in waves:
        i = minute - s
        if 0 <= i < up:
            return peak * (i + 1) / (up + 1)
        if up <= i < up + plateau:
            return peak
        if up + plateau <= i < up + plateau + down:
            return peak * (up + plateau + down - i) / (down + 1)
    return 0


def poisson(lam):
    if lam > 50:
        return max(0, round(random.gauss(lam, math.sqrt(lam))))
    k, p, limit = 0, 1.0, math.exp(-lam)
    while True:
        p *= random.random()
        if p <= limit:
            return k
        k += 1


with open("reports.csv", "w") as out:
    out.write("# Synthetic user outage reports for a day shaped like 10 March 2025; see make-reports.py\n")
    out.write("time,count,category\n")
    for minute in range(24 * 60):
        t = (start + datetime.timedelta(minutes=minute)).strftime("%Y-%m-%dT%H:%M:%SZ")
        total = poisson(normal(minute)) + poisson(extra(minute))
        app = round(total * 0.56)
        website = round(total * 0.33)
        for category, count in (("app", app), ("website", website), ("other", total - app - website)):
            out.write(f"{t},{count},{category}\n")
