using System.Text;
using Breakwater.Core;
using Breakwater.Detection.L7;
using Breakwater.Wire;
using Breakwater.Wire.Http;

namespace Breakwater.Detection.Tests.L7;

/// <summary>
/// The HTTP flood detector on requests built by hand: what opens an incident (the group's rps, one path class over
/// path_rps, a rate far above the service's learned normal), what never does (browsing), the shared hysteresis
/// (start and end are the first and last seconds of the flood), and the description (top clients, paths, proxies).
/// </summary>
public sealed class HttpFloodDetectorTests
{
    private const long T0 = 1_741_615_200; // 2025-03-10T14:00:00Z

    private static L7Settings Settings(double? rps = null, double? pathRps = null, HttpBaselineSettings? baseline = null) => new()
    {
        Group = new HostGroup("web", new Thresholds { Rps = rps, PathRps = pathRps }),
        DefaultService = "shop",
        QuietSeconds = 5,
        Baseline = baseline ?? new HttpBaselineSettings { Enabled = false },
    };

    [Fact]
    public void Add_FloodFromFewClients_OpensHttpFloodWithStartEndAndTopClients()
    {
        var observer = new RecordingObserver();
        var detector = new HttpFloodDetector(Settings(), observer);
        Browse(detector, T0, 60);
        // 20 s at 1,200 rps from 4 clients on /search.
        for (var s = 0; s < 20; s++)
        {
            for (var i = 0; i < 1200; i++)
            {
                Request(detector, T0 + 60 + s, $"203.0.113.{i % 4 + 1}", "/search?q=" + ((s * 1200) + i));
            }
        }

        Browse(detector, T0 + 80, 60);
        detector.Complete();

        var incident = Assert.Single(detector.Incidents);
        Assert.Equal("shop", incident.Target);
        Assert.Equal("http_flood", Assert.Single(incident.Vectors).Name);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(T0 + 60), incident.Start);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(T0 + 79), incident.End);
        Assert.Equal(1200, incident.PeakPps);
        var http = incident.Http!;
        Assert.Equal(4, http.TopClients.Count(c => c.Requests > 1000));
        Assert.StartsWith("203.0.113.", http.TopClients[0].Address, StringComparison.Ordinal);
        Assert.Equal("/search", http.TopPaths[0].Value);
        Assert.True(http.CacheBusting!.Likely);
        Assert.Equal(["started", "ended"], observer.Events.Select(e => e.Event));
    }

    [Fact]
    public void Add_FloodThroughManyProxies_ReportsProxyMarkersAndManyLightClients()
    {
        var detector = new HttpFloodDetector(Settings());
        for (var s = 0; s < 10; s++)
        {
            for (var i = 0; i < 1500; i++)
            {
                var n = (s * 1500) + i;
                Request(detector, T0 + s, $"198.18.{n / 250 % 250}.{n % 250 + 1}", "/", forwardedFor: $"100.64.{n % 200}.{n % 250}, 198.18.0.1");
            }
        }

        detector.Complete();

        var http = Assert.Single(detector.Incidents).Http!;
        Assert.True(http.ProxyMarkers!.ForwardedFor > 0.99);
        Assert.True(http.ProxyMarkers.ForwardedForChains > 0.99);
        Assert.True(http.UniqueClients > 10_000, $"{http.UniqueClients} unique clients");
        Assert.True(http.ClientDistribution!.Top10Share < 0.05);
    }

    [Fact]
    public void Add_NormalBrowsing_NeverOpens()
    {
        var detector = new HttpFloodDetector(Settings(baseline: new HttpBaselineSettings { WarmupSeconds = 60 }));
        Browse(detector, T0, 3600);
        detector.Complete();

        Assert.Empty(detector.Incidents);
    }

    [Fact]
    public void Add_ShortBurstUnderTriggerSeconds_DoesNotOpen()
    {
        var detector = new HttpFloodDetector(Settings());
        Burst(detector, T0, 1, 2000, "/");
        Browse(detector, T0 + 1, 30);
        detector.Complete();

        Assert.Empty(detector.Incidents);
    }

    [Fact]
    public void Add_OnePathClassOverPathRps_OpensWhileServiceStaysUnderRps()
    {
        var detector = new HttpFloodDetector(Settings(rps: 1000, pathRps: 100));
        Burst(detector, T0, 10, 300, "/login");
        detector.Complete();

        var incident = Assert.Single(detector.Incidents);
        Assert.Contains("path class /login", incident.Reason, StringComparison.Ordinal);
        Assert.Equal("/login", incident.Http!.TopPathClasses[0].Value);
    }

    [Fact]
    public void Add_SameLoadSpreadOverPaths_DoesNotTripPathRps()
    {
        var detector = new HttpFloodDetector(Settings(rps: 1000, pathRps: 100));
        for (var s = 0; s < 10; s++)
        {
            for (var i = 0; i < 300; i++)
            {
                Request(detector, T0 + s, $"192.0.2.{i % 200 + 1}", $"/p{i % 10}/x");
            }
        }

        detector.Complete();
        Assert.Empty(detector.Incidents);
    }

    [Fact]
    public void Add_FarAboveLearnedNormal_OpensUnderTheGroupRps()
    {
        var learned = new HttpFloodDetector(Settings(baseline: new HttpBaselineSettings { WarmupSeconds = 300, MinRps = 50 }));
        var staticOnly = new HttpFloodDetector(Settings());
        foreach (var detector in new[] { learned, staticOnly })
        {
            Browse(detector, T0, 600); // about 3 rps
            Burst(detector, T0 + 600, 10, 300, "/"); // 300 rps: far above normal, under the default 500 rps
            detector.Complete();
        }

        var incident = Assert.Single(learned.Incidents);
        Assert.Contains("learned limit", incident.Reason, StringComparison.Ordinal);
        Assert.Empty(staticOnly.Incidents);
    }

    [Fact]
    public void Add_RandomHostHeaders_StayWithinMaxServices()
    {
        var detector = new HttpFloodDetector(Settings() with { MaxServices = 16 });
        for (var i = 0; i < 10_000; i++)
        {
            Request(detector, T0 + (i / 1000), "192.0.2.1", "/", host: $"h{i}.example");
        }

        detector.Complete();
        Assert.True(detector.Services <= 17, $"{detector.Services} services");
    }

    [Fact]
    public void Add_FloodEndsAfterQuietSeconds_AndAFreshFloodOpensAnotherIncident()
    {
        var detector = new HttpFloodDetector(Settings());
        Burst(detector, T0, 5, 1000, "/");
        Browse(detector, T0 + 5, 20);
        Burst(detector, T0 + 25, 5, 1000, "/");
        detector.Complete();

        Assert.Equal(2, detector.Incidents.Count);
        Assert.All(detector.Incidents, i => Assert.Equal("ended", i.Status));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(T0 + 4), detector.Incidents[0].End);
    }

    [Fact]
    public void Add_OpenFloodWithPathRps_AllocatesNothingPerRequest()
    {
        var detector = new HttpFloodDetector(Settings(pathRps: 100, baseline: new HttpBaselineSettings { WarmupSeconds = 10 }));
        var entries = Enumerable.Range(0, 4).Select(i => (Client: NetAddress.Parse($"203.0.113.{i + 1}"), Target: Encoding.ASCII.GetBytes("/login?x=1"))).ToArray();
        // Warm up past tiered compilation, with the incident open.
        for (var s = 0; s < 60; s++)
        {
            Feed(detector, entries, T0 + s, 2000);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var s = 60; s < 70; s++)
        {
            Feed(detector, entries, T0 + s, 2000);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Single(detector.Incidents);

        static void Feed(HttpFloodDetector detector, (NetAddress Client, byte[] Target)[] entries, long second, int requests)
        {
            for (var i = 0; i < requests; i++)
            {
                var entry = default(AccessLogEntry);
                entry.Clear();
                entry.TimestampNanos = second * 1_000_000_000;
                entry.Client = entries[i & 3].Client;
                entry.Method = "GET"u8;
                entry.Target = entries[i & 3].Target;
                entry.UserAgent = "Mozilla/5.0"u8;
                entry.Status = 200;
                entry.Bytes = 512;
                detector.Add(ref entry);
            }
        }
    }

    private static void Browse(HttpFloodDetector detector, long from, int seconds)
    {
        for (var s = 0; s < seconds; s++)
        {
            for (var i = 0; i < 3; i++)
            {
                Request(detector, from + s, $"192.0.2.{((s * 3) + i) % 200 + 1}", $"/page/{(s + i) % 40}");
            }
        }
    }

    private static void Burst(HttpFloodDetector detector, long from, int seconds, int rps, string path)
    {
        for (var s = 0; s < seconds; s++)
        {
            for (var i = 0; i < rps; i++)
            {
                Request(detector, from + s, $"203.0.113.{i % 50 + 1}", path);
            }
        }
    }

    private static void Request(HttpFloodDetector detector, long second, string client, string target, string host = "", string forwardedFor = "")
    {
        var entry = default(AccessLogEntry);
        entry.Clear();
        entry.TimestampNanos = second * 1_000_000_000;
        entry.Client = NetAddress.Parse(client);
        entry.Method = "GET"u8;
        entry.Target = Encoding.ASCII.GetBytes(target);
        entry.Host = Encoding.ASCII.GetBytes(host);
        entry.UserAgent = "Mozilla/5.0"u8;
        entry.Status = 200;
        entry.Bytes = 512;
        if (target.Contains('?', StringComparison.Ordinal))
        {
            entry.Flags |= AccessLogFlags.HasQuery;
        }

        if (forwardedFor.Length > 0)
        {
            entry.ForwardedFor = Encoding.ASCII.GetBytes(forwardedFor);
            entry.Flags |= AccessLogFlags.ForwardedFor | (forwardedFor.Contains(',', StringComparison.Ordinal) ? AccessLogFlags.ForwardedChain : 0);
        }

        detector.Add(ref entry);
    }
}
