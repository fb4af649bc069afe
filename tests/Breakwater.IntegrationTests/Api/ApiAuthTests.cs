using System.Net;
using System.Text;
using System.Text.Json;

namespace Breakwater.IntegrationTests.Api;

/// <summary>Every route with no token, a wrong token, a read token and an admin token; problem bodies; limits.</summary>
[Collection(ServerCollection.Name)]
public sealed class ApiAuthTests(ServerFixture fixture)
{
    public static TheoryData<string, string> ReadRoutes => new()
    {
        { "GET", "/api/v1/incidents" },
        { "GET", "/api/v1/incidents/nope" },
        { "GET", "/api/v1/incidents/nope/timeline" },
        { "GET", "/api/v1/hosts" },
        { "GET", "/api/v1/hosts/198.51.100.7/traffic" },
        { "GET", "/api/v1/config" },
        { "GET", "/api/v1/collectors" },
        { "GET", "/api/v1/mitigations" },
        { "GET", "/openapi/v1.json" },
        { "GET", "/metrics" },
    };

    [Fact]
    public async Task Health_NoToken_Answers200()
    {
        using var client = fixture.Client(null);
        using var response = await client.GetAsync("/api/v1/health", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("ok", body.GetProperty("status").GetString());
    }

    [Theory]
    [MemberData(nameof(ReadRoutes))]
    public async Task ReadRoute_NoOrWrongToken_Answers401WithProblem(string method, string path)
    {
        foreach (var token in new[] { null, "wrong-token-0123456789abcdef", ServerFixture.ReadToken + "x", ServerFixture.ReadToken[..^1] })
        {
            using var client = fixture.Client(token);
            using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
            Assert.Equal(401, problem.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        }
    }

    [Theory]
    [MemberData(nameof(ReadRoutes))]
    public async Task ReadRoute_ReadAndAdminTokens_AreAdmitted(string method, string path)
    {
        foreach (var token in new[] { ServerFixture.ReadToken, ServerFixture.AdminToken })
        {
            using var client = fixture.Client(token);
            using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), TestContext.Current.CancellationToken);
            Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
    }

    [Theory]
    [InlineData("/api/v1/incidents/nope/ack", "")]
    [InlineData("/api/v1/incidents/nope/notes", "{\"text\":\"upstream informed\"}")]
    [InlineData("/api/v1/mitigations/nope/approve", "{}")]
    [InlineData("/api/v1/mitigations", "{\"incident\":\"nope\"}")]
    public async Task Write_NoToken401_Read403_Admin404ForUnknownIncident(string path, string body)
    {
        var ct = TestContext.Current.CancellationToken;
        var expected = new (string? Token, HttpStatusCode Status)[]
        {
            (null, HttpStatusCode.Unauthorized), (ServerFixture.ReadToken, HttpStatusCode.Forbidden), (ServerFixture.AdminToken, HttpStatusCode.NotFound),
        };
        foreach (var (token, status) in expected)
        {
            using var client = fixture.Client(token);
            using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), ct);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Config_ReadToken_IsRedactedAndHoldsNoToken()
    {
        using var client = fixture.Client(ServerFixture.ReadToken);
        var text = await client.GetStringAsync("/api/v1/config", TestContext.Current.CancellationToken);
        Assert.DoesNotContain(ServerFixture.ReadToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain(ServerFixture.AdminToken, text, StringComparison.Ordinal);
        var config = JsonDocument.Parse(text).RootElement.GetProperty("config");
        var tokens = config.GetProperty("api").GetProperty("tokens");
        Assert.Equal("[redacted]", tokens[0].GetProperty("token").GetString());
        Assert.Equal("noc", tokens[0].GetProperty("name").GetString());
        Assert.Equal(3000, config.GetProperty("groups").GetProperty("web").GetProperty("thresholds").GetProperty("pps").GetInt32());
    }

    [Fact]
    public async Task Note_BodyOverLimit_Answers413()
    {
        using var client = fixture.Client(ServerFixture.AdminToken);
        var huge = "{\"text\":\"" + new string('a', 100_000) + "\"}";
        using var response = await client.PostAsync("/api/v1/incidents/nope/notes", new StringContent(huge, Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Request_HeadersOverLimit_Answers431()
    {
        using var client = fixture.Client(ServerFixture.ReadToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/health");
        request.Headers.Add("X-Padding", new string('a', 40_000));
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    [Fact]
    public void EventsAndLogs_NeverCarryATokenValue()
    {
        Assert.DoesNotContain(ServerFixture.ReadToken, fixture.Events.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ServerFixture.AdminToken, fixture.Events.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(fixture.Logs.Lines);
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains(ServerFixture.ReadToken[..16], StringComparison.Ordinal)
            || l.Contains(ServerFixture.AdminToken[..16], StringComparison.Ordinal));
    }
}
