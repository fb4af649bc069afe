using System.Text.Json;
using Breakwater.IntegrationTests.Support;

namespace Breakwater.IntegrationTests.Outages;

/// <summary>
/// samples/march-10-2025: the report series (made by hand rules in make-reports.py), the analysis of the simulated
/// attack, the command log and the claims give the expected picture: three waves at the US-Eastern morning,
/// mid-morning and midday, each preceded by an incident on the target and a command; shares like the seed's; the claim
/// naming the service consistent, the claim naming an unattacked address not supported.
/// </summary>
public sealed class March10TimelineTests
{
    private static string Sample(string file) => Path.Combine(RepoPaths.Samples, "march-10-2025", file);

    [Fact]
    public async Task Timeline_March10Sample_ThreeWavesPrecededByIncidentsAndCommands()
    {
        using var dir = new TempDirectory();
        var json = dir.File("timeline.json");
        var html = dir.File("timeline.html");

        var result = await CliRunner.RunAsync("timeline", "--from", "2025-03-10T00:00:00Z", "--to", "2025-03-11T00:00:00Z", "--service", "x.com",
            "--reports", Sample("reports.csv"), "--analysis", Sample("analysis.json"),
            "--intel", Sample("commands.jsonl"), Sample("claims.jsonl"), "--json", json, "--report", html);

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken));
        var root = doc.RootElement;
        Assert.Equal("breakwater.timeline/v1", root.GetProperty("schema").GetString());
        var waves = root.GetProperty("waves").EnumerateArray().ToList();
        Assert.Equal(3, waves.Count);

        // Onsets as make-reports.py writes them: 05:47, 10:02 and 12:02 US Eastern (UTC-4 on 10 March 2025).
        string[] starts = ["2025-03-10T09:47:00Z", "2025-03-10T14:02:00Z", "2025-03-10T16:02:00Z"];
        for (var i = 0; i < 3; i++)
        {
            var start = DateTimeOffset.Parse(waves[i].GetProperty("start").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange((start - DateTimeOffset.Parse(starts[i], System.Globalization.CultureInfo.InvariantCulture)).Duration(), TimeSpan.Zero, TimeSpan.FromMinutes(1));
            var shares = waves[i].GetProperty("categories").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("share").GetDouble());
            Assert.InRange(shares["app"], 0.54, 0.58);
            Assert.InRange(shares["website"], 0.31, 0.35);

            var related = waves[i].GetProperty("related").EnumerateArray().ToList();
            var incident = Assert.Single(related, r => r.GetProperty("kind").GetString() == "incident");
            Assert.Equal("precedes", incident.GetProperty("relation").GetString());
            Assert.InRange(incident.GetProperty("lag_seconds").GetDouble(), 60, 180);
            Assert.Equal("precedes", Assert.Single(related, r => r.GetProperty("kind").GetString() == "command").GetProperty("relation").GetString());
            Assert.All(related, r => Assert.DoesNotContain("caus", r.GetProperty("text").GetString()!, StringComparison.OrdinalIgnoreCase));
        }

        // Wave sizes grow as on the day: the midday wave is the largest.
        Assert.True(waves[2].GetProperty("peak_count").GetDouble() > waves[1].GetProperty("peak_count").GetDouble());
        Assert.True(waves[1].GetProperty("peak_count").GetDouble() > waves[0].GetProperty("peak_count").GetDouble());

        var claims = root.GetProperty("claims").EnumerateArray().ToDictionary(c => c.GetProperty("target").GetString()!);
        Assert.Equal("consistent", claims["x.com"].GetProperty("finding").GetString());
        Assert.Equal(3, claims["x.com"].GetProperty("incidents").GetArrayLength());
        Assert.Contains("after the first wave", claims["x.com"].GetProperty("timing").GetString());
        Assert.Equal("not_supported", claims["192.0.2.10"].GetProperty("finding").GetString());
        Assert.False(claims["192.0.2.10"].GetProperty("target_attacked").GetBoolean());

        var page = await File.ReadAllTextAsync(html, TestContext.Current.CancellationToken);
        Assert.Contains("<svg", page);
        Assert.Contains("consistent with what was observed", page);
        Assert.DoesNotContain("caused", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Waves_March10Reports_JsonContract()
    {
        var result = await CliRunner.RunAsync("waves", Sample("reports.csv"), "--json", "-");

        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.Equal("breakwater.waves/v1", doc.RootElement.GetProperty("schema").GetString());
        var wave = doc.RootElement.GetProperty("waves")[0];
        foreach (var field in new[] { "start", "peak", "end", "peak_count", "baseline", "categories" })
        {
            Assert.True(wave.TryGetProperty(field, out _), field);
        }
    }

    [Theory]
    [InlineData("time,count\n2025-03-10T00:00:00Z,1\n2025-03-10T00:01:00Z,many\n", "line 3: count 'many'")]
    [InlineData("time,count\n10/03/2025 00:00,1\n", "line 2: time '10/03/2025 00:00' is not an RFC 3339 time")]
    public async Task Waves_BadRow_Exit3WithTheLine(string csv, string message)
    {
        using var dir = new TempDirectory();
        var path = dir.File("bad.csv");
        await File.WriteAllTextAsync(path, csv, TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync("waves", path);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains(message, result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public async Task Timeline_BadRange_Exit2()
    {
        var result = await CliRunner.RunAsync("timeline", "--from", "yesterday", "--to", "2025-03-11T00:00:00Z");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("RFC 3339", result.Stderr);
    }
}
