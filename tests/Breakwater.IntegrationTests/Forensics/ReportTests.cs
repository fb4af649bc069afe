using System.Diagnostics;
using System.Text.RegularExpressions;
using Breakwater.Core;
using Breakwater.IntegrationTests.Support;

namespace Breakwater.IntegrationTests.Forensics;

/// <summary><c>analyze --report</c>, <c>report INCIDENT</c> (HTML, JSON, abuse CSV), <c>intel import</c>, and the report in headless Chromium.</summary>
public sealed partial class ReportTests
{
    private static string Capture(string name) => Path.Combine(ForensicsData.Captures, name);

    [Fact]
    public async Task AnalyzeReport_WithIntel_WritesSelfContainedHtmlWithEverySection()
    {
        using var dir = new TempDirectory();
        var commands = dir.File("c2.jsonl");
        await File.WriteAllTextAsync(commands,
            """{"time":"2025-03-10T13:59:55Z","c2":"c2.example:23","family":"mirai","method":"udpplain","targets":["203.0.113.0/24"],"duration":60}""" + "\n",
            TestContext.Current.CancellationToken);
        var html = dir.File("report.html");
        var result = await CliRunner.RunAsync("analyze", Capture("udpplain-few-hosts.pcap"), "--threshold-pps", "200", "--intel", commands, "--report", html, "--json", dir.File("a.json"));
        Assert.True(result.ExitCode == 0, result.Stderr);
        var text = await File.ReadAllTextAsync(html, TestContext.Current.CancellationToken);
        foreach (var section in new[] { "Summary", "Timeline", "Peaks and vectors", "Rule set and fingerprint", "Where the sources are", "Are the source addresses real?", "Botnet evidence", "Intel and botnet commands", "Method and limits" })
        {
            Assert.Contains(section, text, StringComparison.Ordinal);
        }

        Assert.Contains("<svg", text, StringComparison.Ordinal);
        Assert.Contains("CC BY 4.0", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(ExternalResource(), text);
        var document = AnalysisJson.Deserialize(await File.ReadAllTextAsync(dir.File("a.json"), TestContext.Current.CancellationToken))!;
        var match = Assert.Single(Assert.Single(document.Incidents).Intel!.Commands);
        Assert.Equal(5, match.LagSeconds);
        Assert.True(match.MethodMatches);
    }

    [Fact]
    public async Task Report_FromAnalysisDocument_HtmlJsonAndAbuse()
    {
        using var dir = new TempDirectory();
        var json = dir.File("a.json");
        Assert.Equal(0, (await CliRunner.RunAsync("analyze", Capture("udpplain-few-hosts.pcap"), "--threshold-pps", "200", "--json", json)).ExitCode);
        var id = Assert.Single(AnalysisJson.Deserialize(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken))!.Incidents).Id;

        var html = await CliRunner.RunAsync("report", id, "--from", json);
        Assert.True(html.ExitCode == 0, html.Stderr);
        Assert.StartsWith("<!DOCTYPE html>", html.Stdout, StringComparison.Ordinal);

        var report = await CliRunner.RunAsync("report", id, "--from", json, "--format", "json");
        Assert.Equal(0, report.ExitCode);
        Assert.Contains("\"schema\": \"breakwater.report/v1\"", report.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"method_and_limits\"", report.Stdout, StringComparison.Ordinal);

        var abuse = await CliRunner.RunAsync("report", id, "--from", json, "--abuse");
        Assert.Equal(0, abuse.ExitCode);
        var lines = abuse.Stdout.TrimEnd().Split('\n');
        Assert.Equal("asn,as_name,country,address,first_seen,last_seen,packets,incident,target,vectors", lines[0]);
        Assert.Equal(6, lines.Length);
    }

    [Fact]
    public async Task ReportAbuse_ForgedSources_IsRefusedWithTheReason()
    {
        using var dir = new TempDirectory();
        var json = dir.File("a.json");
        Assert.Equal(0, (await CliRunner.RunAsync("analyze", Capture("forged-syn-hping3.pcap"), "--threshold-pps", "200", "--json", json)).ExitCode);
        var id = Assert.Single(AnalysisJson.Deserialize(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken))!.Incidents).Id;
        var abuse = await CliRunner.RunAsync("report", id, "--from", json, "--abuse");
        Assert.Equal(3, abuse.ExitCode);
        Assert.Contains("forged", abuse.Stderr, StringComparison.Ordinal);
        Assert.Empty(abuse.Stdout);
    }

    [Fact]
    public async Task IntelImport_GoodAndBadFiles()
    {
        using var dir = new TempDirectory();
        var store = dir.File("store.jsonl");
        var ok = await CliRunner.RunAsync("intel", "import", Path.Combine(RepoPaths.Root, "samples", "intel", "c2-commands.jsonl"), Path.Combine(RepoPaths.Root, "samples", "intel", "botnet-ips.csv"), "--store", store);
        Assert.True(ok.ExitCode == 0, ok.Stderr);
        Assert.Contains("imported", ok.Stdout, StringComparison.Ordinal);
        var bad = dir.File("bad.csv");
        await File.WriteAllTextAsync(bad, "address,family\nnot-an-ip,mirai\n", TestContext.Current.CancellationToken);
        var refused = await CliRunner.RunAsync("intel", "import", bad, "--store", store);
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("bad.csv line 2", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_RendersInHeadlessChromium_WithoutConsoleErrors()
    {
        using var dir = new TempDirectory();
        var html = dir.File("report.html");
        Assert.Equal(0, (await CliRunner.RunAsync("analyze", Capture("mirai-syn.pcap"), "--threshold-pps", "200", "--report", html)).ExitCode);
        var artifacts = Path.Combine(RepoPaths.Root, "TestArtifacts");
        Directory.CreateDirectory(artifacts);
        var screenshot = Path.Combine(artifacts, "forensics-report.png");
        File.Delete(screenshot);
        var (code, stdout, stderr) = await RunChromiumAsync(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--enable-logging=stderr", "--v=0",
            "--window-size=1280,2400", "--virtual-time-budget=2000", $"--user-data-dir={dir.File("profile")}", $"--screenshot={screenshot}", "file://" + html);
        Assert.True(code == 0, stderr);
        Assert.True(File.Exists(screenshot) && new FileInfo(screenshot).Length > 10_000, "no screenshot");
        Assert.DoesNotContain("Uncaught", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(":CONSOLE(", stderr, StringComparison.Ordinal);
        var (_, dom, _) = await RunChromiumAsync(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", $"--user-data-dir={dir.File("profile2")}", "--dump-dom", "file://" + html);
        Assert.Contains("Botnet evidence", dom, StringComparison.Ordinal);
        Assert.Contains("<polyline", dom, StringComparison.Ordinal);
        _ = stdout;
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunChromiumAsync(params string[] args)
    {
        var start = new ProcessStartInfo("/usr/bin/chromium") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Anything the page would fetch: src/href to a remote URL (the DB-IP credit link is text to click, allowed), CSS url(), @import.</summary>
    [GeneratedRegex("""(src\s*=\s*["']?https?:|<link[^>]+href\s*=\s*["']?https?:|url\(\s*["']?https?:|@import)""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalResource();
}
