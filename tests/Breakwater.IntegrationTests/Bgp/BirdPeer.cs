using System.Diagnostics;
using System.Globalization;
using Breakwater.IntegrationTests.Support;

namespace Breakwater.IntegrationTests.Bgp;

/// <summary>
/// A private BIRD 2 on its own loopback address and a free port, passive, with ipv4, ipv6, flow4 and flow6 channels
/// importing everything from Breakwater (AS 65000 at 127.0.0.1) into bwtab4/bwtab6/flowtab4/flowtab6. Static
/// blackhole routes make the test next hops resolvable.
/// </summary>
internal sealed class BirdPeer : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();
    private PeerProcess? _process;

    private BirdPeer(string address, int port)
    {
        Address = address;
        Port = port;
    }

    public string Address { get; }

    public int Port { get; }

    public string Control => _dir.File("bird.ctl");

    public static bool IsInstalled => PeerProcess.IsInstalled("bird") && PeerProcess.IsInstalled("birdc");

    public static async Task<BirdPeer> StartAsync()
    {
        var address = $"127.0.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(2, 250)}";
        var bird = new BirdPeer(address, FreeTcpPort());
        await File.WriteAllTextAsync(bird._dir.File("bird.conf"), bird.Config());
        await bird.StartProcessAsync();
        return bird;
    }

    public async Task RestartAsync()
    {
        await StopProcessAsync();
        await StartProcessAsync();
    }

    /// <summary><c>birdc -s CTL ARGS…</c>; its output.</summary>
    public async Task<string> BirdcAsync(params string[] args)
    {
        var start = new ProcessStartInfo("birdc") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-s");
        start.ArgumentList.Add(Control);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }

    public Task<string> RoutesAsync(string table) => BirdcAsync("show", "route", "table", table, "all");

    /// <summary>Polls a table until <paramref name="condition"/> holds; returns the last output either way.</summary>
    public async Task<string> WaitForAsync(string table, Func<string, bool> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        var output = string.Empty;
        while (deadline.Elapsed < timeout)
        {
            output = await RoutesAsync(table);
            if (condition(output))
            {
                return output;
            }

            await Task.Delay(50);
        }

        return output;
    }

    public async ValueTask DisposeAsync()
    {
        await StopProcessAsync();
        _dir.Dispose();
    }

    private async Task StartProcessAsync()
    {
        _process = PeerProcess.Start("bird", "-f", "-c", _dir.File("bird.conf"), "-s", Control, "-P", _dir.File("bird.pid"));
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (File.Exists(Control) && (await BirdcAsync("show", "status")).Contains("Daemon is up", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException("BIRD did not start: " + await File.ReadAllTextAsync(_dir.File("bird.conf")));
    }

    private async Task StopProcessAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync();
            _process.Dispose();
            _process = null;
        }

        File.Delete(Control);
    }

    private string Config() => string.Create(CultureInfo.InvariantCulture, $$"""
        router id {{Address}};
        log stderr all;
        protocol device {}
        ipv4 table bwtab4;  ipv6 table bwtab6;
        flow4 table flowtab4;  flow6 table flowtab6;
        protocol static { ipv4 { table bwtab4; }; route 192.0.2.0/24 blackhole; }
        protocol static { ipv6 { table bwtab6; }; route 2001:db8::/32 blackhole; }
        protocol bgp breakwater {
          local {{Address}} port {{Port}} as 65001;
          neighbor 127.0.0.1 as 65000;
          passive on;
          multihop;
          hold time 9;
          ipv4  { table bwtab4;   import all; export none; };
          ipv6  { table bwtab6;   import all; export none; };
          flow4 { table flowtab4; import all; export none; };
          flow6 { table flowtab6; import all; export none; };
        }
        """);

    private static int FreeTcpPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
