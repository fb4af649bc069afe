using Breakwater.Simulation.Export;
using Breakwater.Wire;

namespace Breakwater.Simulation;

/// <summary>Turns a scenario into a labelled pcap and a ground-truth JSON file beside it.</summary>
public static class ScenarioGenerator
{
    private const int ProgressEvery = 1 << 14;

    /// <summary>
    /// Loads <paramref name="scenarioPath"/> (YAML), writes <paramref name="outputPcap"/> and
    /// <c>OUTPUT.truth.json</c>. Throws <see cref="ScenarioException"/> (with file and line) for a bad scenario.
    /// </summary>
    public static SimulationResult Generate(string scenarioPath, string outputPcap, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(scenarioPath);
        ArgumentNullException.ThrowIfNull(outputPcap);
        var scenario = ScenarioLoader.Load(scenarioPath);
        return Run(scenario, outputPcap, progress);
    }

    /// <summary>
    /// Like <see cref="Generate"/> for a scenario held in memory (tests and benchmarks); errors name
    /// <paramref name="sourceName"/> as the file.
    /// </summary>
    public static SimulationResult GenerateFromText(string yaml, string outputPcap, string sourceName = "scenario.yaml", IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(outputPcap);
        return Run(ScenarioLoader.Parse(yaml, sourceName), outputPcap, progress);
    }

    /// <summary>The ground-truth path for a capture: the .pcap extension replaced by .truth.json.</summary>
    public static string TruthPathFor(string outputPcap) => Path.ChangeExtension(outputPcap, ".truth.json");

    /// <summary>
    /// Loads <paramref name="scenarioPath"/> and sends it as flow datagrams (<c>simulate --export</c>): sampled or
    /// aggregated as <paramref name="options"/> say, in real time or at a fixed record rate.
    /// </summary>
    public static ExportResult Export(string scenarioPath, ExportOptions options, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(scenarioPath);
        ArgumentNullException.ThrowIfNull(options);
        var scenario = ScenarioLoader.Load(scenarioPath);
        var linkType = scenario.LinkType == SimLinkType.Raw ? LinkType.Raw : LinkType.Ethernet;
        var compression = options.TargetDuration is { } target && options.RecordsPerSecond is null ? Compress(scenario, target) : null;
        using var sink = new FlowExportSink(options, linkType, scenario.Seed, compression);
        Play(scenario, sink, progress, () => sink.Expired || options.Cancellation.IsCancellationRequested);
        sink.Flush();
        progress?.Report(1.0);
        return new ExportResult(sink.Packets, sink.RecordsSent, sink.DatagramsSent);
    }

    /// <summary>The scenario's attack time, other traffic time and the silences between, fitted to <paramref name="target"/>.</summary>
    private static TimelineCompression Compress(Scenario scenario, TimeSpan target)
    {
        // Attack starts and background spans are offsets from the scenario's start; the pacer sees absolute times.
        var epochNs = (scenario.Start - DateTimeOffset.UnixEpoch).Ticks * 100;
        var attacks = scenario.Attacks.Select(a => (Start: a.StartNs, End: a.StartNs + a.DurationNs)).OrderBy(s => s.Start).ToList();
        var spans = attacks.ToList();
        if (scenario.Background is { } background)
        {
            spans.AddRange(background.Spans.Count > 0 ? background.Spans.Select(s => (s.StartNs, s.EndNs)) : [(0L, scenario.DurationNs)]);
        }

        long busy = 0;
        var gaps = 0;
        var end = long.MinValue;
        foreach (var (start, stop) in spans.OrderBy(s => s.Start))
        {
            if (end != long.MinValue && start - end > TimelineCompression.IdleNanos)
            {
                gaps++;
            }

            busy += Math.Max(0, stop - Math.Max(start, end));
            end = Math.Max(end, stop);
        }

        var attack = attacks.Sum(a => a.End - a.Start);
        return TimelineCompression.Fit(TimeSpan.FromTicks(attack / 100), TimeSpan.FromTicks((busy - attack) / 100), gaps, target,
            TimeSpan.FromSeconds(8), [.. attacks.Select(a => (epochNs + a.Start, epochNs + a.End))]);
    }

    internal static SimulationResult Run(Scenario scenario, string outputPcap, IProgress<double>? progress)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(outputPcap));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using var writer = new PcapWriter(outputPcap, scenario.LinkType, scenario.Resolution);
        var (first, last, attacks) = Play(scenario, writer, progress, static () => false);
        writer.Flush();
        var truthPath = TruthPathFor(outputPcap);
        TruthWriter.Write(truthPath, scenario, outputPcap, writer.Packets, writer.Bytes, first, last, attacks);
        progress?.Report(1.0);
        return new SimulationResult(outputPcap, truthPath, writer.Packets, writer.Bytes, attacks.Count);
    }

    /// <summary>Merges the attack and background streams by time into <paramref name="sink"/> until they end or <paramref name="stop"/> says so.</summary>
    private static (long First, long Last, List<AttackStream> Attacks) Play(Scenario scenario, IFrameSink sink, IProgress<double>? progress, Func<bool> stop)
    {
        var epochNs = (scenario.Start - DateTimeOffset.UnixEpoch).Ticks * 100;
        var attacks = scenario.Attacks
            .Select((a, i) => new AttackStream(a, epochNs, SimRandom.Mix(scenario.Seed ^ (0xA77AC0000UL + (ulong)i))))
            .ToList();
        var background = scenario.Background is { } b ? new BackgroundStream(b, epochNs, SimRandom.Mix(scenario.Seed ^ 0xB4C6_0000UL)) : null;

        var queue = new PriorityQueue<PacketStream, (long, int)>();
        for (var i = 0; i < attacks.Count; i++)
        {
            Enqueue(queue, attacks[i], i);
        }

        if (background is not null)
        {
            Enqueue(queue, background, attacks.Count);
        }

        long first = -1;
        long last = -1;
        var duration = Math.Max(1, scenario.DurationNs);
        var builder = new FrameBuilder(sink, scenario.LinkType);
        var nextReport = ProgressEvery;
        while (queue.TryDequeue(out var stream, out var key))
        {
            var now = stream.NextNs;
            if (first < 0)
            {
                first = now;
            }

            last = now;
            stream.EmitNext(builder);
            Enqueue(queue, stream, key.Item2);
            if (sink.Packets >= nextReport)
            {
                nextReport += ProgressEvery;
                progress?.Report(Math.Clamp((now - epochNs) / (double)duration, 0, 1));
                if (stop())
                {
                    break;
                }
            }
        }

        return (first, last, attacks);
    }

    // Ties in time go to the stream listed first, so the merge (and the file) is deterministic.
    private static void Enqueue(PriorityQueue<PacketStream, (long, int)> queue, PacketStream stream, int index)
    {
        if (stream.NextNs != long.MaxValue)
        {
            queue.Enqueue(stream, (stream.NextNs, index));
        }
    }
}
