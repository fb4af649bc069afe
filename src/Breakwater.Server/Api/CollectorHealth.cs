namespace Breakwater.Server.Api;

/// <summary>Builds <c>GET /api/v1/collectors</c> from the collectors' counters and the decode statistics.</summary>
internal static class CollectorHealth
{
    public static CollectorHealthResponse Snapshot(DaemonHost daemon, DateTimeOffset now)
    {
        var decode = daemon.Statistics.DecodeSeconds.ToDictionary(d => d.Collector, d => d.Seconds, StringComparer.Ordinal);
        var sampling = daemon.Statistics.SamplingRates.ToLookup(s => s.Collector);
        var listen = daemon.Collectors.ToLookup(c => c.Counters.Name, c => c.LocalEndPoint.ToString());
        var collectors = daemon.AllCounters.Select(c =>
        {
            var rates = sampling[c.Name].ToDictionary(s => s.Exporter, s => s.Rate);
            return new CollectorHealthDto(
                c.Name,
                [.. listen[c.Name]],
                c.Datagrams,
                c.Records,
                c.Drops,
                decode.GetValueOrDefault(c.Name),
                [.. c.Exporters.OrderBy(e => e.Key).Select(e => new ExporterDto(e.Key.ToString(), e.Value, rates.TryGetValue(e.Key, out var r) ? r : null))]);
        }).ToList();
        return new CollectorHealthResponse(now, daemon.QueueDepth, collectors);
    }
}
