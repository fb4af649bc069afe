using System.Text.Json;
using Breakwater.Core;
using Breakwater.IntegrationTests.Support;

namespace Breakwater.IntegrationTests.Forensics;

/// <remarks><c>report --abuse-format xarf</c>: X-ARF v4 (category connection, type ddos), one report per source.</remarks>
public sealed partial class ReportTests
{
    [Fact]
    public async Task ReportAbuseXarf_OneV4ReportPerCsvSource_WithTheRequiredFields()
    {
        using var dir = new TempDirectory();
        var json = dir.File("a.json");
        Assert.Equal(0, (await CliRunner.RunAsync("analyze", Capture("udpplain-few-hosts.pcap"), "--threshold-pps", "200", "--json", json)).ExitCode);
        var id = Assert.Single(AnalysisJson.Deserialize(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken))!.Incidents).Id;

        var csv = await CliRunner.RunAsync("report", id, "--from", json, "--abuse");
        var xarf = await CliRunner.RunAsync("report", id, "--from", json, "--abuse-format", "xarf", "--reporter", "Example Net,abuse@example.net,example.net");
        Assert.True(xarf.ExitCode == 0, xarf.Stderr);

        // Same sources in the same order as the CSV (whose AS names may hold quoted commas).
        var csvLines = csv.Stdout.TrimEnd().Split('\n').Skip(1).ToList();
        var reports = xarf.Stdout.TrimEnd().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(csvLines.Count, reports.Count);
        for (var i = 0; i < reports.Count; i++)
        {
            Assert.Contains("," + reports[i].GetProperty("source_identifier").GetString() + ",", csvLines[i], StringComparison.Ordinal);
        }
        foreach (var r in reports)
        {
            // The XARF v4 core's required fields, and the ddos type's (protocol, first_seen).
            foreach (var field in new[] { "xarf_version", "report_id", "timestamp", "reporter", "sender", "source_identifier", "category", "type", "protocol", "first_seen" })
            {
                Assert.True(r.TryGetProperty(field, out _), $"missing {field}");
            }

            Assert.Matches("^4\\.[0-9]+\\.[0-9]+$", r.GetProperty("xarf_version").GetString());
            Assert.Equal("connection", r.GetProperty("category").GetString());
            Assert.Equal("ddos", r.GetProperty("type").GetString());
            Assert.Equal("udp", r.GetProperty("protocol").GetString());
            Assert.Equal("abuse@example.net", r.GetProperty("reporter").GetProperty("contact").GetString());
            Assert.True(Guid.TryParse(r.GetProperty("report_id").GetString(), out var guid) && guid.ToString()[14] == '4');
            Assert.All(r.GetProperty("tags").EnumerateArray(), t => Assert.Matches("^[a-z0-9][a-z0-9_+-]*:[a-z0-9][a-z0-9_+-.]*$", t.GetString()));
        }

        var noReporter = await CliRunner.RunAsync("report", id, "--from", json, "--abuse-format", "xarf");
        Assert.Equal(2, noReporter.ExitCode);
        Assert.Contains("--reporter", noReporter.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportAbuseXarf_ForgedSources_IsRefused()
    {
        using var dir = new TempDirectory();
        var json = dir.File("a.json");
        Assert.Equal(0, (await CliRunner.RunAsync("analyze", Capture("forged-syn-hping3.pcap"), "--threshold-pps", "200", "--json", json)).ExitCode);
        var id = Assert.Single(AnalysisJson.Deserialize(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken))!.Incidents).Id;
        var xarf = await CliRunner.RunAsync("report", id, "--from", json, "--abuse-format", "xarf", "--reporter", "Example Net,abuse@example.net,example.net");
        Assert.Equal(3, xarf.ExitCode);
        Assert.Contains("forged", xarf.Stderr, StringComparison.Ordinal);
    }
}
