using System.Net;
using System.Text;
using System.Text.Json;
using Breakwater.Core;

namespace Breakwater.IntegrationTests.Api;

/// <summary>An attack replayed through the sFlow path appears in the API with the analysis document's fields; operators ack and annotate it.</summary>
[Collection(ServerCollection.Name)]
public sealed class IncidentApiTests(ServerFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task ReplayedSynFlood_IsListedWithAnalysisFields_AndFilters()
    {
        var ct = TestContext.Current.CancellationToken;
        await fixture.ReplayAttackAsync();
        using var client = fixture.Client(ServerFixture.ReadToken);
        var incident = await FindIncidentAsync(client, "198.51.100.7");
        Assert.NotNull(incident);
        Assert.Equal("syn_flood", incident.Value.GetProperty("vectors")[0].GetProperty("name").GetString());
        var names = incident.Value.EnumerateObject().Select(p => p.Name).ToHashSet();
        var expected = JsonDocument.Parse(AnalysisJson.Serialize(new IncidentReport { Id = "x", Target = "y" })).RootElement
            .EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(expected, names);
        // Beyond those, only the analysis document's optional sections (the daemon enriches incidents as analyze does).
        var optional = typeof(IncidentReport).GetProperties()
            .Where(p => p.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonIgnoreAttribute), false) is not [System.Text.Json.Serialization.JsonIgnoreAttribute { Condition: System.Text.Json.Serialization.JsonIgnoreCondition.Always }])
            .Select(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name)).ToHashSet();
        Assert.Subset(optional, names);
        Assert.Contains("spoofing", names);
        Assert.Contains("sources", names);

        var id = incident.Value.GetProperty("id").GetString()!;
        var detail = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/incidents/{Uri.EscapeDataString(id)}", ct)).RootElement;
        Assert.Equal(id, detail.GetProperty("id").GetString());

        var other = JsonDocument.Parse(await client.GetStringAsync("/api/v1/incidents?target=203.0.113.99", ct)).RootElement;
        Assert.Equal(0, other.GetProperty("incidents").GetArrayLength());
        var future = JsonDocument.Parse(await client.GetStringAsync("/api/v1/incidents?since=2999-01-01T00:00:00Z&status=ended", ct)).RootElement;
        Assert.Equal(0, future.GetProperty("incidents").GetArrayLength());
        using var bad = await client.GetAsync("/api/v1/incidents?status=sleeping", ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var badCursor = await client.GetAsync("/api/v1/incidents?cursor=%%%", ct);
        Assert.Equal(HttpStatusCode.BadRequest, badCursor.StatusCode);
    }

    [Fact]
    public async Task AckAndNote_ByAdmin_ShowInTimelineWithTheTokenName()
    {
        var ct = TestContext.Current.CancellationToken;
        await fixture.ReplayAttackAsync();
        using var reader = fixture.Client(ServerFixture.ReadToken);
        var incident = await FindIncidentAsync(reader, "198.51.100.7");
        Assert.NotNull(incident);
        var id = Uri.EscapeDataString(incident.Value.GetProperty("id").GetString()!);

        using var admin = fixture.Client(ServerFixture.AdminToken);
        using var ack = await admin.PostAsync($"/api/v1/incidents/{id}/ack", null, ct);
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        using var note = await admin.PostAsync($"/api/v1/incidents/{id}/notes",
            new StringContent("{\"text\":\"upstream informed\"}", Encoding.UTF8, "application/json"), ct);
        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        using var empty = await admin.PostAsync($"/api/v1/incidents/{id}/notes", new StringContent("{\"text\":\"  \"}", Encoding.UTF8, "application/json"), ct);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);

        var timeline = JsonDocument.Parse(await reader.GetStringAsync($"/api/v1/incidents/{id}/timeline", ct)).RootElement;
        Assert.Equal("ops", timeline.GetProperty("acknowledged").GetProperty("by").GetString());
        var notes = timeline.GetProperty("notes");
        Assert.Contains(notes.EnumerateArray(), n => n.GetProperty("text").GetString() == "upstream informed" && n.GetProperty("author").GetString() == "ops");
    }

    [Fact]
    public async Task Paging_LimitOne_WalksEveryIncidentOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await fixture.ReplayAttackAsync();
        using var client = fixture.Client(ServerFixture.ReadToken);
        Assert.NotNull(await FindIncidentAsync(client, "198.51.100.7"));
        var all = JsonDocument.Parse(await client.GetStringAsync("/api/v1/incidents?limit=1000", ct)).RootElement.GetProperty("incidents")
            .EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        var seen = new List<string?>();
        string? cursor = null;
        do
        {
            var page = JsonDocument.Parse(await client.GetStringAsync("/api/v1/incidents?limit=1" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)), ct)).RootElement;
            seen.AddRange(page.GetProperty("incidents").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
            cursor = page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null && seen.Count <= all.Count);

        Assert.Equal(all, seen);
    }

    internal static async Task<JsonElement?> FindIncidentAsync(HttpClient client, string target)
    {
        var found = await ServerFixture.WaitForAsync(async () =>
        {
            var page = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/incidents?target={target}")).RootElement;
            return page.GetProperty("incidents").GetArrayLength() > 0 ? new Box(page.GetProperty("incidents")[0].Clone()) : null;
        }, Patience);
        return found?.Value;
    }

    private sealed record Box(JsonElement Value);
}
