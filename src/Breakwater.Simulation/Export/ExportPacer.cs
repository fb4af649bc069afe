using System.Diagnostics;

namespace Breakwater.Simulation.Export;

/// <summary>
/// Holds the sender back to real time (scenario clock → wall clock) or to a records-per-second rate. Sleeps in
/// slices of at least a millisecond so that pacing costs nothing per record.
/// </summary>
internal sealed class ExportPacer(double? recordsPerSecond)
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private long _scenarioStartNanos = -1;

    public TimeSpan Elapsed => _wall.Elapsed;

    /// <summary>Waits until the record at scenario time <paramref name="scenarioNanos"/>, the <paramref name="sentRecords"/>-th, is due.</summary>
    public void WaitFor(long scenarioNanos, long sentRecords)
    {
        if (_scenarioStartNanos < 0)
        {
            _scenarioStartNanos = scenarioNanos;
        }

        var due = recordsPerSecond is { } rate
            ? TimeSpan.FromSeconds(sentRecords / rate)
            : TimeSpan.FromTicks((scenarioNanos - _scenarioStartNanos) / 100);
        var ahead = due - _wall.Elapsed;
        if (ahead > TimeSpan.FromMilliseconds(1))
        {
            Thread.Sleep(ahead);
        }
    }
}
