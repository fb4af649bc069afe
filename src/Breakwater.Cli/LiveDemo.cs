using System.Diagnostics;
using System.Security.Cryptography;
using Breakwater.Configuration;
using Breakwater.Server;
using Breakwater.Simulation;
using Breakwater.Simulation.Export;

namespace Breakwater.Cli;

/// <summary>
/// The live demo: a daemon on loopback (free ports, SQLite in a temporary folder, fresh tokens) and the scenario replayed
/// through the real sFlow path — exporter → UDP → collector → detection → store → API → dashboard — on a compressed
/// timeline. Prints the dashboard URL (read token in the fragment) and a line as each incident opens and ends; after the
/// replay the dashboard stays up until Ctrl+C.
/// </summary>
internal static class LiveDemo
{
    internal sealed record Options(string Scenario, string? Directory, TimeSpan Duration, bool OpenBrowser);

    public static async Task<int> RunAsync(Options options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var directory = options.Directory ?? System.IO.Directory.CreateTempSubdirectory("breakwater-demo-").FullName;
        System.IO.Directory.CreateDirectory(directory);
        var readToken = NewToken();
        var adminToken = NewToken();
        var config = ConfigLoader.Parse(Yaml(directory, readToken, adminToken), Path.Combine(directory, "breakwater.yaml"));
        // A free port for sFlow, chosen by the kernel (the file format asks for a real port).
        config = config with { Collectors = new CollectorSettings { SFlowListen = [new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0)] } };
        var printer = new DemoPrinter(stdout);
        BreakwaterServer server;
        try
        {
            server = await BreakwaterServer.CreateAsync(config, new ServerOptions
            {
                Events = TextWriter.Null,
                LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
                WatchConfig = false,
                Observers = [printer],
            }, cancellationToken);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or Storage.StoreException)
        {
            await stderr.WriteLineAsync($"breakwater: cannot start the demo daemon on loopback: {e.Message}");
            return ExitCodes.RuntimeFailure;
        }

        await using (server)
        {
            await server.StartAsync(cancellationToken);
            var url = new Uri(server.BaseAddress, "/#token=" + readToken);
            var sflow = server.Daemon.Collectors[0].LocalEndPoint;
            await stdout.WriteLineAsync($"Breakwater demo: daemon on loopback, store {Path.Combine(directory, "breakwater.db")}");
            await stdout.WriteLineAsync($"Dashboard: {url}");
            await stdout.WriteLineAsync($"Admin token (acknowledge, notes): {adminToken}");
            await stdout.WriteLineAsync($"Replaying {Path.GetFileName(options.Scenario)} as sFlow to {sflow} over about {options.Duration.TotalSeconds:0} s; Ctrl+C stops.");
            if (options.OpenBrowser)
            {
                OpenBrowser(url);
            }

            var replay = Task.Run(() => ScenarioGenerator.Export(options.Scenario, new ExportOptions(ExportFormat.SFlow, sflow)
            {
                SamplingRate = 10, TargetDuration = options.Duration, Cancellation = cancellationToken,
            }), CancellationToken.None);
            try
            {
                var result = await replay.WaitAsync(cancellationToken);
                if (!cancellationToken.IsCancellationRequested)
                {
                    // Let the last incident end (quiet_seconds), then leave the dashboard up for the user.
                    await printer.WaitForQuietAsync(TimeSpan.FromSeconds(20), cancellationToken);
                    await stdout.WriteLineAsync(
                        $"Replay done: {result.Records:N0} sFlow samples, {printer.Started} incident(s). The dashboard stays up at {server.BaseAddress}; Ctrl+C stops.");
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (ScenarioException e)
            {
                await stderr.WriteLineAsync($"breakwater: {e.Message}");
                return ExitCodes.BadUsage;
            }

            await server.StopAsync();
            await stdout.WriteLineAsync($"Stopped. {printer.Started} incident(s) are in {directory}.");
            await stdout.WriteLineAsync("The day's one timeline (user-report waves, incidents, botnet commands, claims): breakwater demo --offline.");
        }

        return ExitCodes.Ok;
    }

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static string Yaml(string directory, string readToken, string adminToken) => $"""
        networks:
          - {"{"} prefix: 198.51.100.0/24, group: web {"}"}
        groups:
          web:
            thresholds: {"{"} pps: 3000, mbps: 30 {"}"}
        detection:
          quiet_seconds: 4
        storage:
          sqlite: {"{"} path: "{Path.Combine(directory, "breakwater.db")}" {"}"}
        api:
          listen: "127.0.0.1:0"
          tokens:
            - {"{"} name: demo-read, token: "{readToken}", role: read {"}"}
            - {"{"} name: demo-admin, token: "{adminToken}", role: admin {"}"}
        """;

    private static void OpenBrowser(Uri url)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY")))
        {
            return; // no desktop: the URL is printed
        }

        try
        {
            using var process = Process.Start(new ProcessStartInfo("xdg-open", url.ToString()) { UseShellExecute = false, RedirectStandardError = true });
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No xdg-open: the URL is printed.
        }
    }
}
