using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Breakwater.Outages.Probes;

/// <summary>TCP connect to HOST:PORT: up when the handshake completes; latency is the connect time.</summary>
public sealed class TcpProbe(ProbeSpec spec, TimeProvider time) : IProbe
{
    public ProbeSpec Spec { get; } = spec;

    public async Task<ProbeResult> AttemptAsync(string vantage, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        if (!Endpoints.TrySplit(Spec.Target, 0, out var host, out var port) || port == 0)
        {
            return new ProbeResult { Probe = Spec.Name, Vantage = vantage, Time = started, Error = $"tcp: target '{Spec.Target}' is not HOST:PORT" };
        }

        var watch = Stopwatch.StartNew();
        try
        {
            var address = await Endpoints.ResolveAsync(host, cancellationToken);
            var dns = watch.Elapsed.TotalMilliseconds;
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken);
            var total = watch.Elapsed.TotalMilliseconds;
            return new ProbeResult
            {
                Probe = Spec.Name, Vantage = vantage, Time = started, Success = true,
                LatencyMs = Math.Round(total, 2), DnsMs = Math.Round(dns, 2), ConnectMs = Math.Round(total - dns, 2),
            };
        }
        catch (SocketException e)
        {
            return new ProbeResult { Probe = Spec.Name, Vantage = vantage, Time = started, Error = $"connect: {e.SocketErrorCode}" };
        }
    }
}
