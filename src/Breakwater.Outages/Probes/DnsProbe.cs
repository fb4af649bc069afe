using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Breakwater.Outages.Probes;

/// <summary>
/// Resolves the probe's name at the configured server over UDP: up when the server answers NOERROR with at least one
/// answer record; latency is the round trip. Replies with another id (spoofed or late) are ignored.
/// </summary>
public sealed class DnsProbe(ProbeSpec spec, TimeProvider time) : IProbe
{
    public ProbeSpec Spec { get; } = spec;

    public async Task<ProbeResult> AttemptAsync(string vantage, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        ProbeResult Fail(string error) => new() { Probe = Spec.Name, Vantage = vantage, Time = started, Error = error };
        if (Spec.Server is not { } server || !Endpoints.TrySplit(server, 53, out var host, out var port))
        {
            return Fail("dns: no server (ADDRESS[:PORT]) to ask");
        }

        var id = (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue + 1);
        var query = new byte[512];
        var length = DnsMessage.WriteQuery(query, id, Spec.Target, Spec.RecordType == "AAAA" ? DnsMessage.TypeAaaa : DnsMessage.TypeA);
        if (length == 0)
        {
            return Fail($"dns: '{Spec.Target}' is not a valid name");
        }

        var watch = Stopwatch.StartNew();
        try
        {
            var address = await Endpoints.ResolveAsync(host, cancellationToken);
            using var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            var remote = new IPEndPoint(address, port);
            await socket.SendToAsync(query.AsMemory(0, length), remote, cancellationToken);
            var reply = new byte[4096];
            while (true)
            {
                var received = await socket.ReceiveFromAsync(reply, new IPEndPoint(address.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0), cancellationToken);
                if (!received.RemoteEndPoint.Equals(remote)
                    || !DnsMessage.TryReadResponse(reply.AsSpan(0, received.ReceivedBytes), out var replyId, out var rcode, out var answers, out _)
                    || replyId != id)
                {
                    continue;
                }

                var latency = Math.Round(watch.Elapsed.TotalMilliseconds, 2);
                var error = rcode != 0 ? $"dns: {DnsMessage.RcodeName(rcode)}" : answers == 0 ? "dns: no answer records" : null;
                return new ProbeResult { Probe = Spec.Name, Vantage = vantage, Time = started, Success = error is null, Error = error, LatencyMs = latency };
            }
        }
        catch (SocketException e)
        {
            return Fail($"dns: {e.SocketErrorCode}");
        }
    }
}
