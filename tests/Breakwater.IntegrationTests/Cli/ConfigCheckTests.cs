using Breakwater.IntegrationTests.Support;

namespace Breakwater.IntegrationTests.Cli;

public sealed class ConfigCheckTests
{
    [Fact]
    public async Task ConfigCheck_ValidFile_Exits0AndSummarises()
    {
        using var dir = new TempDirectory();
        var path = dir.File("breakwater.yaml");
        await File.WriteAllTextAsync(path, "networks:\n  - prefix: 198.51.100.0/24\n    group: web\ngroups:\n  web:\n    thresholds: { pps: 5000, mbps: 50 }\n",
            TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync("config", "check", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("1 protected network", result.Stdout);
    }

    [Fact]
    public async Task ConfigCheck_UnknownGroup_Exits2NamingKeyLineAndChoices()
    {
        using var dir = new TempDirectory();
        var path = dir.File("breakwater.yaml");
        await File.WriteAllTextAsync(path, "groups:\n  web: {}\nnetworks:\n  - prefix: 198.51.100.0/24\n    group: wbe\n", TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync("config", "check", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 5", result.Stderr);
        Assert.Contains("networks[0].group", result.Stderr);
        Assert.Contains("web", result.Stderr);
    }
}
