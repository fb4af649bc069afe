using System.Net.NetworkInformation;

namespace Breakwater.Outages.Probes;

/// <summary>ICMP echo (ping) to a host: up on an echo reply; latency is the round trip the system reports.</summary>
public sealed class IcmpProbe(ProbeSpec spec, TimeProvider time) : IProbe
{
    public ProbeSpec Spec { get; } = spec;

    public async Task<ProbeResult> AttemptAsync(string vantage, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        try
        {
            using var ping = new Ping();
            var reply = await ping.SendPingAsync(Spec.Target, Spec.Timeout, cancellationToken: cancellationToken);
            return reply.Status == IPStatus.Success
                ? new ProbeResult { Probe = Spec.Name, Vantage = vantage, Time = started, Success = true, LatencyMs = reply.RoundtripTime }
                : new ProbeResult { Probe = Spec.Name, Vantage = vantage, Time = started, Error = $"icmp: {reply.Status}" };
        }
        catch (PingException e)
        {
            return new ProbeResult { Probe = Spec.Name, Vantage = vantage, Time = started, Error = $"icmp: {e.InnerException?.Message ?? e.Message}" };
        }
    }
}
