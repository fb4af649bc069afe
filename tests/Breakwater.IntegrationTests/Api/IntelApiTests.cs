using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Breakwater.IntegrationTests.Api;

/// <summary>
/// <c>POST /api/v1/intel</c> (admin) imports a botnet command log into the daemon's intel store; an attack replayed
/// through sFlow afterwards is stored enriched (sources, spoofing) and linked to the command. (A botnet verdict needs
/// enough samples of the shape, which a 4-second sFlow 1:20 replay may not give at the stored moment.)
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class IntelApiTests(ServerFixture fixture)
{
    private const string Target = "198.51.100.23";

    [Fact]
    public async Task PostIntel_ReadToken403_BadBody400_Admin201()
    {
        var ct = TestContext.Current.CancellationToken;
        using var reader = fixture.Client(ServerFixture.ReadToken);
        using var refused = await reader.PostAsync("/api/v1/intel", new StringContent("192.0.2.1\n", Encoding.UTF8, "text/plain"), ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        using var admin = fixture.Client(ServerFixture.AdminToken);
        using var bad = await admin.PostAsync("/api/v1/intel", new StringContent("{\"not\": \"a command\"}\n", Encoding.UTF8, "application/x-ndjson"), ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);

        using var ok = await admin.PostAsync("/api/v1/intel?name=bots.txt", new StringContent("# bots\n192.0.2.1\n192.0.2.0/28\n", Encoding.UTF8, "text/plain"), ct);
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var body = JsonDocument.Parse(await ok.Content.ReadAsStringAsync(ct)).RootElement;
        Assert.Equal(2, body.GetProperty("entries").GetInt32());
        Assert.StartsWith("bots.txt", body.GetProperty("provenance").GetString(), StringComparison.Ordinal);
        Assert.Contains("bots.txt", File.ReadAllText(Path.Combine(fixture.Directory, "breakwater-intel.jsonl")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostCommandLog_ThenAttack_StoredIncidentIsEnrichedAndLinked()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var command = $"{{\"time\":\"{time}\",\"c2\":\"203.0.113.50:23\",\"family\":\"mirai\",\"method\":\"syn\",\"targets\":[\"{Target}/32\"],\"duration\":600}}\n";
        using var admin = fixture.Client(ServerFixture.AdminToken);
        using var posted = await admin.PostAsync("/api/v1/intel?name=c2.jsonl", new StringContent(command, Encoding.UTF8, "application/x-ndjson"), ct);
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);

        await fixture.ReplayAttackAsync(Target);
        using var reader = fixture.Client(ServerFixture.ReadToken);
        var incident = await IncidentApiTests.FindIncidentAsync(reader, Target);
        Assert.NotNull(incident);
        var id = Uri.EscapeDataString(incident.Value.GetProperty("id").GetString()!);
        var stored = JsonDocument.Parse(await reader.GetStringAsync($"/api/v1/incidents/{id}", ct)).RootElement;

        Assert.Equal("203.0.113.50:23", stored.GetProperty("intel").GetProperty("commands")[0].GetProperty("c2").GetString());
        Assert.True(stored.GetProperty("intel").GetProperty("commands")[0].GetProperty("method_matches").GetBoolean());
        Assert.NotEmpty(stored.GetProperty("spoofing").GetProperty("verdict").GetString()!);
        Assert.True(stored.GetProperty("sources").ValueKind == JsonValueKind.Object);
    }
}
