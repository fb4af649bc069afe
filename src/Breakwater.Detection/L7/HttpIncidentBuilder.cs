using System.Globalization;
using Breakwater.Core;

namespace Breakwater.Detection.L7;

/// <summary>Writes an <c>http_flood</c> incident from a service's run and tracker, in the network incidents' model.</summary>
internal static class HttpIncidentBuilder
{
    private const int TopN = 10;

    /// <summary>The heavy hitters; when none stands out (requests spread evenly over many clients), the busiest sampled clients.</summary>
    private static List<(Wire.NetAddress Address, long Count)> TopClients(HttpFloodTracker t) =>
        t.TopClients.Top(TopN) is { Count: > 0 } heavy ? heavy : t.PerClient.Top(TopN);

    public static void Fill(IncidentReport incident, ServiceSlot slot, L7Settings settings)
    {
        var run = slot.Run;
        incident.Packets = run.RunPackets;
        incident.Bytes = run.RunBytes;
        incident.PeakPps = Math.Max(incident.PeakPps, run.RunPeakPps);
        incident.Vectors =
        [
            new VectorReport { Name = "http_flood", Share = 1.0, Packets = run.RunPackets, Bytes = run.RunBytes, Protocol = "tcp" },
        ];
        if (slot.Tracker is not { Requests: > 0 } t)
        {
            return;
        }

        incident.UniqueSources = t.Clients.Estimate();
        incident.SpoofedSourcesLikely = false;
        var scale = run.RunPackets > 0 && t.Requests > 0 ? (double)run.RunPackets / t.Requests : 1;
        incident.TopSources = TopClients(t).Select(c => new SourceReport { Address = c.Address.ToString(), Packets = c.Count }).ToList();
        incident.Botnet = HttpBotnetHeuristic.Assess(t);
        var notes = new List<string>
        {
            "layer 7: counts are requests (packets, peak_pps) and response bytes; clients completed a TCP handshake, so they are not spoofed",
        };
        if (scale > 1.05)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"described from {t.Requests:N0} of {run.RunPackets:N0} requests (analysis began when the rate crossed the release level)"));
        }

        incident.Notes = notes;
        incident.Http = Details(slot, t, settings);
    }

    /// <summary>Adds what is known only at the end of the input: the normal rate, latency and the rate-limit suggestion.</summary>
    public static HttpIncidentDetails WithBaseline(HttpIncidentDetails http, ServiceSlot slot, L7Settings settings) =>
        new()
        {
            Service = http.Service,
            Source = http.Source,
            Requests = http.Requests,
            PeakRps = http.PeakRps,
            BaselineRps = slot.NormalSeconds > 0 ? Math.Round((double)slot.NormalRequests / slot.NormalSeconds, 2) : null,
            UniqueClients = http.UniqueClients,
            StatusMix = http.StatusMix,
            Share5xx = http.Share5xx,
            Share429 = http.Share429,
            LatencyMs = http.LatencyMs,
            BaselineLatencyMs = slot.NormalLatencyCount > 0 ? Math.Round(slot.NormalLatencyMicros / 1000.0 / slot.NormalLatencyCount, 3) : null,
            TopClients = http.TopClients,
            TopPaths = http.TopPaths,
            TopPathClasses = http.TopPathClasses,
            TopUserAgents = http.TopUserAgents,
            Methods = http.Methods,
            CacheBusting = http.CacheBusting,
            ProxyMarkers = http.ProxyMarkers,
            ClientDistribution = http.ClientDistribution,
            HeaderOrders = http.HeaderOrders,
            RateLimit = RateLimit(slot, settings),
        };

    private static HttpIncidentDetails Details(ServiceSlot slot, HttpFloodTracker t, L7Settings settings)
    {
        double n = t.Requests;
        var known = t.Requests - t.StatusClasses[0];
        var statusMix = new Dictionary<string, double>(StringComparer.Ordinal);
        if (known > 0)
        {
            for (var c = 1; c <= 5; c++)
            {
                if (t.StatusClasses[c] > 0)
                {
                    statusMix[$"{c}xx"] = Share(t.StatusClasses[c], known);
                }
            }

            if (t.Status429 > 0)
            {
                statusMix["429"] = Share(t.Status429, known);
            }
        }

        var paths = t.Paths.Estimate();
        var targets = t.Targets.Estimate();
        var queriesPerPath = paths > 0 ? Math.Round((double)targets / paths, 1) : 0;
        var withQuery = Share(t.WithQuery, t.Requests);
        return new HttpIncidentDetails
        {
            Service = slot.Name,
            Source = slot.Source,
            Requests = slot.Run.RunPackets,
            PeakRps = slot.Run.RunPeakPps,
            UniqueClients = t.Clients.Estimate(),
            StatusMix = statusMix,
            Share5xx = known > 0 ? Share(t.StatusClasses[5], known) : 0,
            Share429 = known > 0 ? Share(t.Status429, known) : 0,
            LatencyMs = t.LatencyCount > 0 ? Math.Round(t.LatencyMicros / 1000.0 / t.LatencyCount, 3) : null,
            TopClients = TopClients(t).Select(c => new HttpClientCount(c.Address.ToString(), c.Count)).ToList(),
            TopPaths = Values(t.TopPaths, n),
            TopPathClasses = Values(t.TopPathClasses, n),
            TopUserAgents = Values(t.TopUserAgents, n),
            Methods = Enumerable.Range(0, t.Methods.Length).Where(i => t.Methods[i] > 0)
                .Select(i => new HttpValueCount(HttpFloodTracker.MethodName(i), t.Methods[i], Share(t.Methods[i], t.Requests)))
                .OrderByDescending(m => m.Requests).ToList(),
            CacheBusting = new HttpCacheBusting
            {
                ShareWithQuery = withQuery,
                DistinctQueriesPerPath = queriesPerPath,
                Likely = withQuery >= 0.5 && targets >= t.Requests * 0.5 && queriesPerPath >= 10,
            },
            ProxyMarkers = new HttpProxyMarkers
            {
                Share = Share(t.ProxyAny, t.Requests),
                ForwardedFor = Share(t.ForwardedFor, t.Requests),
                ForwardedForChains = Share(t.ForwardedChains, t.Requests),
                Via = Share(t.Via, t.Requests),
                Forwarded = Share(t.Forwarded, t.Requests),
            },
            ClientDistribution = ClientDistributionOf(t),
            HeaderOrders = t.HeaderOrders.Top(5, minHits: 1)
                .Select(h => new HttpHeaderOrder(
                    Breakwater.Wire.Http.HttpRequestParser.HeaderOrderHash(System.Text.Encoding.ASCII.GetBytes(h.Value)).ToString("x16", CultureInfo.InvariantCulture),
                    h.Value, h.Count, Share(h.Count, Math.Max(1, t.WithHeaderOrder))))
                .ToList(),
            RateLimit = RateLimit(slot, settings),
        };
    }

    private static HttpClientDistribution ClientDistributionOf(HttpFloodTracker t)
    {
        var counts = t.PerClient.SortedCounts();
        var top10 = t.TopClients.Top(10).Sum(c => c.Count);
        var clients = Math.Max(1, t.Clients.Estimate());
        var buckets = new List<HttpClientBucket>();
        if (counts.Length > 0)
        {
            long total = counts.Sum();
            (string Label, long Low, long High)[] ranges = [("1", 1, 1), ("2-9", 2, 9), ("10-99", 10, 99), ("100-999", 100, 999), ("1000+", 1000, long.MaxValue)];
            foreach (var (label, low, high) in ranges)
            {
                var inBucket = counts.Where(c => c >= low && c <= high).ToList();
                if (inBucket.Count > 0)
                {
                    buckets.Add(new HttpClientBucket(label, Share(inBucket.Count, counts.Length), Share(inBucket.Sum(), total)));
                }
            }
        }

        var top10Share = Share(top10, t.Requests);
        var median = counts.Length > 0 ? counts[counts.Length / 2] : 0;
        var shape = top10Share >= 0.5 ? "few_heavy" : median <= 10 && clients >= 100 ? "many_light" : "mixed";
        return new HttpClientDistribution
        {
            Top10Share = top10Share,
            MeanRequestsPerClient = Math.Round((double)t.Requests / clients, 2),
            MedianRequestsPerClient = median,
            Buckets = buckets,
            Shape = shape,
        };
    }

    private static HttpRateLimit RateLimit(ServiceSlot slot, L7Settings settings)
    {
        if (slot.PeakClientPerMinute == 0 && !slot.MinuteTainted && slot.MinuteClients.Top(1) is [var current, ..])
        {
            slot.PeakClientPerMinute = current.Count;
        }

        if (slot.PeakClientPerMinute > 0)
        {
            var rpm = (int)Math.Clamp(slot.PeakClientPerMinute * 2, 60, 60_000);
            return new HttpRateLimit
            {
                RequestsPerMinute = rpm,
                Burst = Math.Max(10, rpm / 6),
                Basis = string.Create(CultureInfo.InvariantCulture,
                    $"busiest client outside incidents: {slot.PeakClientPerMinute} requests in one minute; suggested twice that, at least 60"),
            };
        }

        var fallback = (int)Math.Clamp(settings.Rps * 60 / 100, 30, 60_000);
        return new HttpRateLimit
        {
            RequestsPerMinute = fallback,
            Burst = Math.Max(10, fallback / 6),
            Basis = string.Create(CultureInfo.InvariantCulture, $"no normal traffic seen; 1 % of the service threshold ({settings.Rps:0} rps) per client"),
        };
    }

    private static List<HttpValueCount> Values(BytesTopK top, double total) =>
        top.Top(TopN).Select(v => new HttpValueCount(v.Value, v.Count, Share(v.Count, total))).ToList();

    private static double Share(double part, double total) => total > 0 ? Math.Round(part / total, 4) : 0;
}
