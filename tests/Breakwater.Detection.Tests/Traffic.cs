using Breakwater.Core;

namespace Breakwater.Detection.Tests;

/// <summary>Lays synthetic packets out in time and feeds them to an engine in timestamp order.</summary>
internal static class Traffic
{
    public const long Second = 1_000_000_000;

    /// <summary>Base time of the tests: 2025-03-10T14:00:00Z.</summary>
    public const long T0 = 1_741_615_200L * Second;

    /// <summary><paramref name="pps"/> evenly spaced packets for <paramref name="seconds"/> from <paramref name="start"/> (nanoseconds).</summary>
    public static IEnumerable<Packet> Flood(long start, double seconds, double pps, Func<long, Packet> make)
    {
        var count = (long)Math.Round(seconds * pps);
        var step = Second / pps;
        for (long i = 0; i < count; i++)
        {
            var p = make(i);
            p.Record.TimestampNanos = start + (long)(i * step);
            yield return p;
        }
    }

    public static void Feed(DetectionEngine engine, params IEnumerable<Packet>[] streams)
    {
        foreach (var p in streams.SelectMany(s => s).OrderBy(p => p.Record.TimestampNanos))
        {
            engine.Add(ref p.Record, p.Payload);
        }
    }

    /// <summary>Feeds the streams, completes the input and returns the incidents.</summary>
    public static IReadOnlyList<IncidentReport> Analyze(DetectionEngine engine, params IEnumerable<Packet>[] streams)
    {
        Feed(engine, streams);
        engine.Complete();
        return engine.Incidents;
    }

    /// <summary>
    /// Like <see cref="Analyze(DetectionEngine, IEnumerable{Packet}[])"/> for streams that are each in time order: merges
    /// them lazily, so that millions of packets never sit in memory at once.
    /// </summary>
    public static IReadOnlyList<IncidentReport> AnalyzeMerged(DetectionEngine engine, params IEnumerable<Packet>[] streams)
    {
        var enumerators = streams.Select(s => s.GetEnumerator()).ToArray();
        var queue = new PriorityQueue<int, long>();
        for (var i = 0; i < enumerators.Length; i++)
        {
            if (enumerators[i].MoveNext())
            {
                queue.Enqueue(i, enumerators[i].Current.Record.TimestampNanos);
            }
        }

        while (queue.TryDequeue(out var i, out _))
        {
            var p = enumerators[i].Current;
            engine.Add(ref p.Record, p.Payload);
            if (enumerators[i].MoveNext())
            {
                queue.Enqueue(i, enumerators[i].Current.Record.TimestampNanos);
            }
        }

        foreach (var e in enumerators)
        {
            e.Dispose();
        }

        engine.Complete();
        return engine.Incidents;
    }

    public static IReadOnlyList<IncidentReport> Analyze(params IEnumerable<Packet>[] streams) =>
        Analyze(new DetectionEngine(new DetectionSettings()), streams);

    public static long At(double seconds) => T0 + (long)(seconds * Second);
}
