using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Breakwater.IntegrationTests.Api;

/// <summary>The OpenAPI document lists exactly the routes the server maps, with their methods.</summary>
[Collection(ServerCollection.Name)]
public sealed class OpenApiTests(ServerFixture fixture)
{
    [Fact]
    public async Task OpenApiDocument_MatchesMappedApiRoutes()
    {
        using var client = fixture.Client(ServerFixture.ReadToken);
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken)).RootElement;
        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}"))
            .ToHashSet();

        var mapped = fixture.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/v1/", StringComparison.Ordinal) && !e.RoutePattern.RawText.Contains("**", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet();

        Assert.NotEmpty(mapped);
        Assert.Equal(mapped.Order(), documented.Order());
        foreach (var expected in new[]
        {
            "GET /api/v1/health", "GET /api/v1/incidents", "GET /api/v1/incidents/{id}", "GET /api/v1/incidents/{id}/timeline",
            "POST /api/v1/incidents/{id}/ack", "POST /api/v1/incidents/{id}/notes", "GET /api/v1/hosts", "GET /api/v1/hosts/{address}/traffic",
            "GET /api/v1/config", "GET /api/v1/mitigations", "GET /api/v1/mitigations/{id}", "POST /api/v1/mitigations",
            "POST /api/v1/mitigations/{id}/approve", "DELETE /api/v1/mitigations/{id}", "DELETE /api/v1/mitigations", "POST /api/v1/intel",
        })
        {
            Assert.Contains(expected, documented);
        }
    }

    [Fact]
    public async Task OpenApiDocument_IncidentSchema_HasTheAnalysisDocumentFieldNames()
    {
        using var client = fixture.Client(ServerFixture.ReadToken);
        var text = await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        var schemas = JsonDocument.Parse(text).RootElement.GetProperty("components").GetProperty("schemas");
        var incident = schemas.GetProperty("IncidentReport").GetProperty("properties");
        foreach (var field in new[] { "id", "target", "direction", "start", "end", "detected", "peak_pps", "peak_bps", "unique_sources", "spoofed_sources_likely", "vectors", "fingerprint", "botnet", "top_sources" })
        {
            Assert.True(incident.TryGetProperty(field, out _), $"IncidentReport schema lacks {field}");
        }
    }
}
