using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Breakwater.Wire;
using Breakwater.Wire.Flows;

namespace Breakwater.IntegrationTests.Storage;

/// <summary>A real <c>breakwater run</c> process: its event lines kept for the test, NetFlow v9 floods sent to it, SIGKILL or SIGTERM.</summary>
internal sealed class DaemonProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<JsonElement> _events = [];
    private readonly List<string> _stderr = [];

    private DaemonProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line && line.StartsWith('{'))
            {
                lock (_events)
                {
                    _events.Add(JsonDocument.Parse(line).RootElement.Clone());
                }
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.Add(e.Data ?? "");
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return string.Join('\n', _stderr);
            }
        }
    }

    public static async Task<DaemonProcess> StartAsync(string config, CancellationToken ct, string ready = "listening for netflow")
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "breakwater.dll"), "run", "--config", config })
        {
            start.ArgumentList.Add(arg);
        }

        var daemon = new DaemonProcess(Process.Start(start)!);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!daemon.Stderr.Contains(ready, StringComparison.Ordinal))
        {
            if (daemon._process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"the daemon did not start: {daemon.Stderr}");
            }

            await Task.Delay(50, ct);
        }

        return daemon;
    }

    public List<JsonElement> Events()
    {
        lock (_events)
        {
            return [.. _events];
        }
    }

    public async Task<JsonElement> WaitForEventAsync(string name, Func<JsonElement, bool>? match, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var e in Events())
            {
                if (e.GetProperty("event").GetString() == name && (match is null || match(e)))
                {
                    return e;
                }
            }

            await Task.Delay(50, ct);
        }

        throw new TimeoutException($"no {name} event in {timeout.TotalSeconds} s; events: {string.Join('\n', Events())}\nstderr: {Stderr}");
    }

    /// <summary>NetFlow v9 to <paramref name="target"/> at 10,000 pps (100 ms ticks of 10 flows of 100 packets).</summary>
    public static async Task FloodAsync(int port, NetAddress target, TimeSpan duration, CancellationToken ct)
    {
        var encoder = new TemplateFlowEncoder(ipfix: false, domain: 1);
        using var client = new UdpClient(AddressFamily.InterNetwork);
        var endpoint = new IPEndPoint(IPAddress.Loopback, port);
        var buffer = new byte[1500];
        var end = DateTime.UtcNow + duration;
        for (uint tick = 0; DateTime.UtcNow < end; tick++)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var flows = Enumerable.Range(0, 10).Select(i => new FlowExportRecord
            {
                Source = NetAddress.FromV4(0xC0000200u + (tick * 10 % 250) + (uint)i), Destination = target, SourcePort = 123,
                DestinationPort = 40000, Protocol = 17, Packets = 100, Bytes = 46_800, FirstMs = now - 100, LastMs = now,
            }).ToArray();
            var length = encoder.Write(buffer, flows, now, now - 60_000, tick, 1, includeTemplates: tick % 10 == 0, out _);
            await client.SendAsync(buffer.AsMemory(0, length), endpoint, ct);
            await Task.Delay(100, ct);
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM and wait for a clean exit.</summary>
    public async Task<int> StopAsync(CancellationToken ct)
    {
        using (Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
        }

        await _process.WaitForExitAsync(ct);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
