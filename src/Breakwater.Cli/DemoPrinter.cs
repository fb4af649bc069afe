using System.Globalization;
using Breakwater.Core;
using Breakwater.Detection;

namespace Breakwater.Cli;

/// <summary>One short line per incident as it opens and ends (called on the detection thread: it only writes a line).</summary>
internal sealed class DemoPrinter(TextWriter output) : IIncidentObserver
{
    private readonly Lock _gate = new();
    private int _started;
    private int _open;
    private long _lastChangeTicks = DateTime.UtcNow.Ticks;

    public int Started => Volatile.Read(ref _started);

    public void OnStarted(IncidentReport incident)
    {
        Interlocked.Increment(ref _started);
        Interlocked.Increment(ref _open);
        Touch();
        Write(string.Create(CultureInfo.InvariantCulture,
            $"{Time(incident.Detected)}  incident {incident.Id} started: {incident.Target}, {Vectors(incident)}"));
    }

    public void OnUpdated(IncidentReport incident)
    {
    }

    public void OnEnded(IncidentReport incident)
    {
        Interlocked.Decrement(ref _open);
        Touch();
        var botnet = incident.Botnet is { } b ? $", looks like {b.Family} ({b.Confidence:0.##})" : "";
        Write(string.Create(CultureInfo.InvariantCulture,
            $"{Time(incident.End ?? incident.Detected)}  incident {incident.Id} ended:   {incident.Target}, peak {incident.PeakPps:N0} pps, {Vectors(incident)}, {incident.UniqueSources:N0} sources{botnet}"));
    }

    /// <summary>Waits until no incident is open and nothing changed for a moment (or <paramref name="limit"/> passes).</summary>
    public async Task WaitForQuietAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline && (Volatile.Read(ref _open) > 0 || DateTime.UtcNow.Ticks - Interlocked.Read(ref _lastChangeTicks) < TimeSpan.TicksPerSecond * 2))
        {
            await Task.Delay(250, cancellationToken);
        }
    }

    private void Touch() => Interlocked.Exchange(ref _lastChangeTicks, DateTime.UtcNow.Ticks);

    private void Write(string line)
    {
        lock (_gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Vectors(IncidentReport incident) =>
        incident.Vectors.Count == 0 ? "vectors pending" : string.Join(" + ", incident.Vectors.Select(v => v.Name));
}
