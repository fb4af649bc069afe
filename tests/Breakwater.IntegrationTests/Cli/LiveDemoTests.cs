using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Breakwater.IntegrationTests.Support;

namespace Breakwater.IntegrationTests.Cli;

/// <summary>
/// <c>breakwater demo</c> end to end, as a user runs it: the daemon on loopback, the three-wave day replayed through the
/// real sFlow path on a short timeline, one line per incident, the API serving what the store kept, a clean Ctrl+C.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed partial class LiveDemoTests
{
    [Fact]
    public async Task Demo_ShortDuration_ShowsThreeWavesInTheApiAndStopsCleanlyOnCtrlC()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "breakwater.dll"), "demo", "--duration", "30s", "--no-browser", "--dir", dir.Path })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(ct);
        var lines = new List<string>();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(150));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                lines.Add(line);
                if (line.StartsWith("Replay done", StringComparison.Ordinal))
                {
                    break;
                }
            }

            var url = lines.Select(l => DashboardLine().Match(l)).First(m => m.Success);
            var baseAddress = new Uri(url.Groups["base"].Value);
            Assert.True(IPAddress.IsLoopback(IPAddress.Parse(baseAddress.Host)));
            Assert.Equal(3, lines.Count(l => l.Contains(" started: 198.51.100.7", StringComparison.Ordinal)));
            Assert.Equal(3, lines.Count(l => l.Contains(" ended:", StringComparison.Ordinal)));
            Assert.Contains(lines, l => l.Contains("syn_flood", StringComparison.Ordinal) && l.Contains("vse_flood", StringComparison.Ordinal));

            using var client = new HttpClient { BaseAddress = baseAddress };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", url.Groups["token"].Value);
            var page = JsonDocument.Parse(await client.GetStringAsync("/api/v1/incidents?target=198.51.100.7&status=ended", ct)).RootElement;
            Assert.Equal(3, page.GetProperty("incidents").GetArrayLength());
            Assert.True(File.Exists(Path.Combine(dir.Path, "breakwater.db")));
        }
        finally
        {
            if (!process.HasExited)
            {
                using (Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                {
                }
            }
        }

        using var exit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        exit.CancelAfter(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(exit.Token);
        var rest = await process.StandardOutput.ReadToEndAsync(ct);
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await stderr}");
        Assert.Contains("Stopped.", rest, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^Dashboard: (?<base>http://[^/]+)/#token=(?<token>[0-9a-f]+)$")]
    private static partial Regex DashboardLine();
}
