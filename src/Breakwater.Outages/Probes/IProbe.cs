namespace Breakwater.Outages.Probes;

/// <summary>One attempt of a check; the runner adds timeouts and retries.</summary>
public interface IProbe
{
    ProbeSpec Spec { get; }

    /// <summary>Runs one attempt. Network failures are a failed result, never an exception (cancellation aside).</summary>
    Task<ProbeResult> AttemptAsync(string vantage, CancellationToken cancellationToken);
}
