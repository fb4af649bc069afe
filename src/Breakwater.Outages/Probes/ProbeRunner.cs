namespace Breakwater.Outages.Probes;

/// <summary>One probe round: up to 1 + <see cref="ProbeSpec.Retries"/> attempts, each bounded by <see cref="ProbeSpec.Timeout"/>.</summary>
public static class ProbeRunner
{
    public static IProbe Create(ProbeSpec spec, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Kind switch
        {
            ProbeKind.Http => new HttpProbe(spec, time),
            ProbeKind.Tcp => new TcpProbe(spec, time),
            ProbeKind.Dns => new DnsProbe(spec, time),
            _ => new IcmpProbe(spec, time),
        };
    }

    public static async Task<ProbeResult> RoundAsync(IProbe probe, string vantage, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ProbeResult? last = null;
        var attempts = 1 + Math.Max(0, probe.Spec.Retries);
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(probe.Spec.Timeout);
            var started = time.GetUtcNow();
            try
            {
                last = await probe.AttemptAsync(vantage, limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = new ProbeResult
                {
                    Probe = probe.Spec.Name, Vantage = vantage, Time = started,
                    Error = $"timeout after {probe.Spec.Timeout.TotalMilliseconds:0} ms",
                };
            }

            last = last with { Attempts = attempt };
            if (last.Success)
            {
                break;
            }
        }

        return last!;
    }
}
