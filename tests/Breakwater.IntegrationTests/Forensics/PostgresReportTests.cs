using Breakwater.Core;
using Breakwater.IntegrationTests.Support;
using Breakwater.Storage;
using Breakwater.Storage.Postgres;

namespace Breakwater.IntegrationTests.Forensics;

/// <summary><c>report INCIDENT --config</c> reads a stored incident from the PostgreSQL store the configuration names.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresReportTests(PostgresCluster cluster)
{
    [Fact]
    public async Task Report_ConfigWithPostgresStorage_ReadsTheStoredIncident()
    {
        var ct = TestContext.Current.CancellationToken;
        var connection = await cluster.CreateDatabaseAsync();
        await using (var store = new PostgresIncidentStore(connection))
        {
            await store.MigrateAsync(ct);
            var incident = new IncidentReport
            {
                Id = "pg-incident-1", Target = "198.51.100.7", Status = "ended",
                Start = new DateTimeOffset(2025, 3, 10, 14, 0, 0, TimeSpan.Zero), Detected = new DateTimeOffset(2025, 3, 10, 14, 0, 2, TimeSpan.Zero),
                End = new DateTimeOffset(2025, 3, 10, 14, 3, 0, TimeSpan.Zero), PeakPps = 40_000, Packets = 480_000,
                Vectors = [new VectorReport { Name = "syn_flood", Share = 1, Packets = 480_000, Protocol = "tcp" }],
            };
            var batch = new StoreBatch();
            batch.Incidents.Add(new IncidentWrite(incident, IncidentChange.Ended, incident.End.Value));
            await store.WriteAsync(batch, ct);
        }

        using var dir = new TempDirectory();
        var config = dir.File("breakwater.yaml");
        await File.WriteAllTextAsync(config, $"storage:\n  postgres:\n    connection: \"{connection}\"\n", ct);

        var json = await CliRunner.RunAsync("report", "pg-incident-1", "--config", config, "--format", "json");
        Assert.True(json.ExitCode == 0, json.Stderr);
        Assert.Contains("198.51.100.7", json.Stdout, StringComparison.Ordinal);
        Assert.Contains("syn_flood", json.Stdout, StringComparison.Ordinal);

        var missing = await CliRunner.RunAsync("report", "no-such-incident", "--config", config);
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains("has no incident no-such-incident", missing.Stderr, StringComparison.Ordinal);
    }
}
