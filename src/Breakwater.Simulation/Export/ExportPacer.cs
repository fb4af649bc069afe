using System.Diagnostics;

namespace Breakwater.Simulation.Export;

/// <summary>
/// Holds the sender back to real time (scenario clock → wall clock) or to a records-per-second rate. Sleeps in
/// slices of at least a millisecond so that pacing costs nothing per record.
/// </summary>
internal sealed class ExportPacer(double? recordsPerSecond, TimelineCompression? compression = null)
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private long _scenarioStartNanos = -1;
    private long _lastNanos = -1;
    private TimeSpan _compressedDue;

    public TimeSpan Elapsed => _wall.Elapsed;

    /// <summary>Waits until the record at scenario time <paramref name="scenarioNanos"/>, the <paramref name="sentRecords"/>-th, is due.</summary>
    public void WaitFor(long scenarioNanos, long sentRecords)
    {
        if (_scenarioStartNanos < 0)
        {
            _scenarioStartNanos = scenarioNanos;
        }

        if (compression is { } c && _lastNanos >= 0 && scenarioNanos > _lastNanos)
        {
            // A quiet stretch between waves takes the compressed gap; traffic its sped-up time.
            _compressedDue += scenarioNanos - _lastNanos > TimelineCompression.IdleNanos ? c.Gap : c.WallTime(_lastNanos, scenarioNanos);
        }

        _lastNanos = Math.Max(_lastNanos, scenarioNanos);
        var due = recordsPerSecond is { } rate
            ? TimeSpan.FromSeconds(sentRecords / rate)
            : compression is not null
                ? _compressedDue
                : TimeSpan.FromTicks((scenarioNanos - _scenarioStartNanos) / 100);
        var ahead = due - _wall.Elapsed;
        if (ahead > TimeSpan.FromMilliseconds(1))
        {
            Thread.Sleep(ahead);
        }
    }
}
