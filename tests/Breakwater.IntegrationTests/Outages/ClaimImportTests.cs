using System.Text.Json;
using Breakwater.IntegrationTests.Support;

namespace Breakwater.IntegrationTests.Outages;

/// <summary>
/// <c>breakwater intel import</c> with responsibility claims: they are checked and stored in the intel store beside
/// commands, the timeline reads both back from the store, analysis-side intel readers skip them, and a file with one bad
/// claim is refused (exit 3, naming the line) with the store left as it was.
/// </summary>
public sealed class ClaimImportTests : IDisposable
{
    private const string Commands = """
        {"time":"2025-03-10T09:45:00Z","c2":"203.0.113.9","family":"mirai","method":"syn","targets":["198.51.100.7"],"duration":2400}

        """;

    private const string Claims = """
        {"time":"2025-03-10T15:00:00Z","actor":"DarkStorm","target":"x.com","window":{"start":"2025-03-10T09:00:00Z","end":"2025-03-10T12:00:00Z"},"source":"telegram"}
        {"time":"2025-03-10T16:00:00Z","actor":"Other","target":"198.51.100.99","window":"2025-03-10T13:00:00Z/2025-03-10T14:00:00Z"}

        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Import_CommandsAndClaims_TimelineReadsBothFromTheStore()
    {
        var commands = _dir.File("commands.jsonl");
        var claims = _dir.File("claims.jsonl");
        var store = _dir.File("intel.jsonl");
        await File.WriteAllTextAsync(commands, Commands, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(claims, Claims, TestContext.Current.CancellationToken);

        var import = await CliRunner.RunAsync("intel", "import", commands, claims, "--store", store);
        var timeline = await CliRunner.RunAsync("timeline", "--from", "2025-03-10T00:00:00Z", "--to", "2025-03-11T00:00:00Z", "--service", "x.com",
            "--intel", store, "--json", "-");
        var analysisSide = await CliRunner.RunAsync("intel", "import", store, "--store", _dir.File("copy.jsonl"));

        Assert.True(import.ExitCode == 0, import.Stderr);
        Assert.Contains("2 claim(s)", import.Stdout, StringComparison.Ordinal);
        Assert.True(timeline.ExitCode == 0, timeline.Stderr);
        using var doc = JsonDocument.Parse(timeline.Stdout);
        Assert.Equal(["DarkStorm", "Other"], doc.RootElement.GetProperty("claims").EnumerateArray().Select(c => c.GetProperty("actor").GetString()));
        Assert.Equal(["203.0.113.9"], doc.RootElement.GetProperty("commands").EnumerateArray().Select(c => c.GetProperty("c2").GetString()));
        Assert.True(analysisSide.ExitCode == 0, analysisSide.Stderr); // the store with claims in it is a valid intel file
    }

    [Fact]
    public async Task Import_OneBadClaim_Exit3NamingTheLine_StoreUnchanged()
    {
        var good = _dir.File("good.jsonl");
        var bad = _dir.File("bad.jsonl");
        var store = _dir.File("intel.jsonl");
        await File.WriteAllTextAsync(good, Commands, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(bad, Claims + "{\"time\":\"2025-03-10T17:00:00Z\",\"actor\":\"X\",\"target\":\"x.com\",\"window\":\"yesterday\"}\n",
            TestContext.Current.CancellationToken);
        Assert.Equal(0, (await CliRunner.RunAsync("intel", "import", good, "--store", store)).ExitCode);
        var before = await File.ReadAllBytesAsync(store, TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync("intel", "import", good, bad, "--store", store);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("bad.jsonl line 3", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("window", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(store, TestContext.Current.CancellationToken));
    }
}
