using System.Net;

namespace Breakwater.IntegrationTests.Api;

/// <summary><c>/metrics</c> in Prometheus text format with the pipeline's figures; it needs a read token.</summary>
[Collection(ServerCollection.Name)]
public sealed class MetricsTests(ServerFixture fixture)
{
    [Fact]
    public async Task Metrics_AfterReplay_ShowCollectorExporterAndIncidentFigures()
    {
        var ct = TestContext.Current.CancellationToken;
        await fixture.ReplayAttackAsync();
        using var client = fixture.Client(ServerFixture.ReadToken);
        Assert.NotNull(await IncidentApiTests.FindIncidentAsync(client, "198.51.100.7"));
        using var response = await client.GetAsync("/metrics", ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var text = await response.Content.ReadAsStringAsync(ct);
        var values = text.Split('\n').Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split(' ')).ToDictionary(p => p[0], p => double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(values["breakwater_collector_datagrams_total{collector=\"sflow\"}"] > 0);
        Assert.True(values["breakwater_collector_records_total{collector=\"sflow\"}"] > 0);
        Assert.True(values["breakwater_collector_decode_seconds_total{collector=\"sflow\"}"] > 0);
        Assert.Equal(20, values["breakwater_exporter_sampling_rate{collector=\"sflow\",exporter=\"127.0.0.1\"}"]);
        Assert.True(values["breakwater_incidents_opened_total"] >= 1);
        Assert.True(values.ContainsKey("breakwater_open_incidents"));
        Assert.True(values["breakwater_tracked_targets"] >= 1);
        Assert.True(values.ContainsKey("breakwater_decode_queue_datagrams"));
        Assert.True(values["process_working_set_bytes"] > 0);
        Assert.All(values.Keys.Where(k => k.StartsWith("breakwater_", StringComparison.Ordinal) && k.Contains("_total", StringComparison.Ordinal)),
            k => Assert.EndsWith("_total", k.Split('{')[0], StringComparison.Ordinal));
    }
}
