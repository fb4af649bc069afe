using System.Net;
using System.Net.Http.Headers;
using Breakwater.Configuration;
using Breakwater.IntegrationTests.Support;
using Breakwater.Server;
using Breakwater.Simulation;
using Breakwater.Simulation.Export;

namespace Breakwater.IntegrationTests.Api;

/// <summary>
/// One daemon per test run for every API, metrics and dashboard test: sFlow on a free loopback port, the API on another,
/// a read and an admin token, events into a buffer. Attacks are replayed through the real sFlow path
/// (<c>simulate --export</c>'s exporter → UDP → collector → detection → store → API).
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public const string ReadToken = "read-token-0123456789abcdef";
    public const string AdminToken = "admin-token-0123456789abcdef";

    private readonly TempDirectory _dir = new();
    private readonly Dictionary<string, Task> _attacks = [];
    private readonly Lazy<Browser> _browser = new(() => new Browser());

    /// <summary>The run's one headless Chromium, started on first use.</summary>
    public Browser Browser => _browser.Value;

    public BreakwaterServer Server { get; private set; } = null!;

    public StringWriter Events { get; } = new();

    public CapturedLogs Logs { get; } = new();

    public Uri BaseAddress => Server.BaseAddress;

    public IPEndPoint SFlow { get; private set; } = null!;

    public string ConfigPath => _dir.File("breakwater.yaml");

    public string Directory => _dir.Path;

    public static string Yaml(int sflowPort, string extra = "") => $"""
        networks:
          - prefix: 198.51.100.0/24
            group: web
        groups:
          web:
            thresholds: {"{"} pps: 3000 {"}"}
        detection:
          quiet_seconds: 3
        collectors:
          sflow: {"{"} listen: ["127.0.0.1:{sflowPort}"] {"}"}
        api:
          listen: "127.0.0.1:0"
          tokens:
            - {"{"} name: noc, token: {ReadToken}, role: read {"}"}
            - {"{"} name: ops, token: {AdminToken}, role: admin {"}"}
        {extra}
        """;

    public async ValueTask InitializeAsync()
    {
        var port = PeerProcess.FreeUdpPort();
        await File.WriteAllTextAsync(ConfigPath, Yaml(port));
        var config = ConfigLoader.LoadFile(ConfigPath);
        Server = await BreakwaterServer.CreateAsync(config, new ServerOptions { Events = TextWriter.Synchronized(Events), LoggerProviders = [Logs], LogLevel = Microsoft.Extensions.Logging.LogLevel.Information });
        await Server.StartAsync();
        SFlow = Server.Daemon.Collectors[0].LocalEndPoint;
    }

    public HttpClient Client(string? token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>Replays a 4-second SYN flood (10,000 pps, sFlow 1:20) at <paramref name="target"/> once per run; later calls wait for the same replay.</summary>
    public Task ReplayAttackAsync(string target = "198.51.100.7")
    {
        lock (_attacks)
        {
            if (!_attacks.TryGetValue(target, out var task))
            {
                task = Task.Run(() => Replay(target));
                _attacks[target] = task;
            }

            return task;
        }
    }

    private void Replay(string target)
    {
        var scenario = _dir.File($"attack-{target}.yaml");
        File.WriteAllText(scenario, $"""
            scenario: api-test
            seed: 7
            start: 2025-03-10T09:00:00Z
            attacks:
              - name: syn
                target: {target}
                start: 1s
                duration: 4s
                pps: 10000
                ramp: 0s
                mirai: true
                vectors:
                  - {"{"} name: syn_flood, weight: 1.0, ports: [443] {"}"}
                sources: {"{"} bots: 500 {"}"}
            duration: 5s
            """);
        ScenarioGenerator.Export(scenario, new ExportOptions(ExportFormat.SFlow, SFlow) { SamplingRate = 20 });
    }

    /// <summary>Polls until <paramref name="probe"/> returns a value (or the timeout passes, then null).</summary>
    public static async Task<T?> WaitForAsync<T>(Func<Task<T?>> probe, TimeSpan timeout)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(200);
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser.IsValueCreated)
        {
            _browser.Value.Dispose();
        }

        await Server.StopAsync();
        await Server.DisposeAsync();
        _dir.Dispose();
    }
}
