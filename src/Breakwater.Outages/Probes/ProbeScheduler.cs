namespace Breakwater.Outages.Probes;

/// <summary>Runs each probe every interval (rounds of one probe never overlap) and hands each result to the sinks.</summary>
public sealed class ProbeScheduler(IReadOnlyList<ProbeSpec> specs, string vantage, TimeProvider time, IReadOnlyList<Action<ProbeResult>> sinks)
{
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(specs.Select(spec => Task.Run(() => LoopAsync(ProbeRunner.Create(spec, time), cancellationToken), CancellationToken.None)));

    private async Task LoopAsync(IProbe probe, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(probe.Spec.Interval, time);
        try
        {
            do
            {
                var result = await ProbeRunner.RoundAsync(probe, vantage, time, cancellationToken);
                foreach (var sink in sinks)
                {
                    sink(result);
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
