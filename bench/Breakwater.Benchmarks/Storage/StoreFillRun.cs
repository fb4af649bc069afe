using System.Diagnostics;
using Breakwater.Core;
using Breakwater.Storage;
using Breakwater.Storage.Sqlite;

namespace Breakwater.Benchmarks.Storage;

/// <summary>
/// Fills a SQLite store the way the daemon's writer does (batched writes through <see cref="IIncidentStore"/>):
/// ended incidents with a one-minute timeline each, then minute rollups for many hosts. Prints the file size after
/// each part, for bench/store-figures.sh.
/// </summary>
internal static class StoreFillRun
{
    public static async Task RunAsync(string path, int incidents, int hosts, int minutes, TextWriter output)
    {
        var t0 = new DateTimeOffset(2025, 3, 10, 0, 0, 0, TimeSpan.Zero);
        await using (var store = new SqliteIncidentStore(path))
        {
            await store.MigrateAsync();
            var clock = Stopwatch.StartNew();
            var batch = new StoreBatch();
            for (var i = 0; i < incidents; i++)
            {
                var start = t0.AddSeconds(i * 30L);
                var report = Incident($"bench-{i:D7}", $"198.51.{(i >> 8) & 255}.{i & 255}", start);
                batch.Incidents.Add(new IncidentWrite(report, IncidentChange.Started, report.Detected));
                var ended = report.Snapshot();
                ended.Status = "ended";
                ended.End = start.AddMinutes(1);
                batch.Incidents.Add(new IncidentWrite(ended, IncidentChange.Ended, start.AddMinutes(1)));
                for (var s = 0; s < 60; s++)
                {
                    batch.Timeline.Add(new TimelineRow(report.Id, start.ToUnixTimeSeconds() + s, "syn_flood", 40_000, 2_560_000));
                }

                if (batch.Count >= 20_000)
                {
                    await store.WriteAsync(batch);
                    batch.Clear();
                }
            }

            await store.WriteAsync(batch);
            batch.Clear();
            output.WriteLine($"incidents={incidents} seconds={clock.Elapsed.TotalSeconds:0.0} bytes={Size(path)}");

            clock.Restart();
            for (var m = 0; m < minutes; m++)
            {
                var minute = t0.ToUnixTimeSeconds() / 60 * 60 + (m * 60L);
                for (var h = 0; h < hosts; h++)
                {
                    batch.Rollups.Add(new TrafficRollup($"10.{h >> 16 & 255}.{(h >> 8) & 255}.{h & 255}", minute, 60_000, 36_000_000, 1_500, 7_200_000,
                        new TrafficClasses(40_000, 19_000, 1_000, 500, 30_000, 10, 400, 20)));
                }

                await store.WriteAsync(batch);
                batch.Clear();
            }

            output.WriteLine($"rollups={hosts}x{minutes} seconds={clock.Elapsed.TotalSeconds:0.0} bytes={Size(path)}");
        }
    }

    private static long Size(string path) =>
        new[] { path, path + "-wal" }.Where(File.Exists).Sum(p => new FileInfo(p).Length);

    private static IncidentReport Incident(string id, string target, DateTimeOffset start) => new()
    {
        Id = id,
        Target = target,
        Direction = "incoming",
        Group = "web",
        Status = "detected",
        Start = start,
        Detected = start.AddSeconds(0.4),
        PeakPps = 40_000,
        PeakBps = 20_480_000,
        Packets = 2_400_000,
        Bytes = 153_600_000,
        UniqueSources = 19_800,
        SpoofedSourcesLikely = true,
        Vectors = [new VectorReport { Name = "syn_flood", Share = 1, Packets = 2_400_000, Bytes = 153_600_000, Protocol = "tcp" }],
        Fingerprint = new FingerprintReport { Filter = $"ip dst {target} and tcp[tcpflags] == tcp-syn", Coverage = 0.99, Collateral = 0.001 },
    };
}
