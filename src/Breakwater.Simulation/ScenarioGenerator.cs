using Breakwater.Simulation.Export;
using Breakwater.Wire;

namespace Breakwater.Simulation;

/// <summary>Turns a scenario into a labelled pcap and a ground-truth JSON file beside it.</summary>
public static class ScenarioGenerator
{
    private const int ProgressEvery = 1 << 14;

    /// <summary>The default bound on a capture's size (<c>simulate --max-bytes</c>): ten times the largest benchmark file.</summary>
    public const long DefaultMaxBytes = 8L << 30;

    /// <summary>
    /// Loads <paramref name="scenarioPath"/> (YAML), writes <paramref name="outputPcap"/> and
    /// <c>OUTPUT.truth.json</c>. Throws <see cref="ScenarioException"/> (with file and line) for a bad scenario.
    /// </summary>
    public static SimulationResult Generate(string scenarioPath, string outputPcap, IProgress<double>? progress = null) =>
        WriteCapture(scenarioPath, outputPcap, DefaultMaxBytes, progress, CancellationToken.None);

    /// <summary>
    /// Like <see cref="Generate"/>, refusing (<see cref="ScenarioException"/>) a scenario whose capture would exceed
    /// <paramref name="maxBytes"/>; on any failure or cancellation both outputs are removed.
    /// </summary>
    public static SimulationResult WriteCapture(
        string scenarioPath, string outputPcap, long maxBytes, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenarioPath);
        ArgumentNullException.ThrowIfNull(outputPcap);
        var scenario = ScenarioLoader.Load(scenarioPath);
        return Run(scenario, outputPcap, progress, maxBytes, scenarioPath, cancellationToken);
    }

    /// <summary>The estimated size of a scenario's capture, without writing it.</summary>
    public static OutputEstimate Estimate(string scenarioPath) => OutputEstimate.Of(ScenarioLoader.Load(scenarioPath), Sample);

    /// <summary>
    /// Like <see cref="Generate"/> for a scenario held in memory (tests and benchmarks); errors name
    /// <paramref name="sourceName"/> as the file.
    /// </summary>
    public static SimulationResult GenerateFromText(string yaml, string outputPcap, string sourceName = "scenario.yaml", IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(outputPcap);
        return Run(ScenarioLoader.Parse(yaml, sourceName), outputPcap, progress, DefaultMaxBytes, sourceName, CancellationToken.None);
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
        using var sink = new FlowExportSink(options, linkType, scenario.Seed);
        Play(scenario, sink, progress, () => sink.Expired);
        sink.Flush();
        progress?.Report(1.0);
        return new ExportResult(sink.Packets, sink.RecordsSent, sink.DatagramsSent);
    }

    internal static SimulationResult Run(
        Scenario scenario, string outputPcap, IProgress<double>? progress, long maxBytes, string source, CancellationToken cancellationToken)
    {
        var estimate = OutputEstimate.Of(scenario, Sample);
        if (estimate.Bytes > maxBytes)
        {
            throw new ScenarioException(
                $"{source}: the capture would be about {Size(estimate.Bytes)} ({estimate.Packets:N0} packets), over the limit of {Size(maxBytes)}; " +
                "shorten the scenario, lower its rates, or raise --max-bytes.");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(outputPcap));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        // Written under temporary names and renamed when both are complete: a failure, a full disk or Ctrl+C never
        // leaves a partial capture, or a capture without its truth file.
        var truthPath = TruthPathFor(outputPcap);
        var partialPcap = outputPcap + ".partial";
        var partialTruth = truthPath + ".partial";
        try
        {
            long packets, bytes;
            int attackCount;
            using (var writer = new PcapWriter(partialPcap, scenario.LinkType, scenario.Resolution))
            {
                var overLimit = false;
                var (first, last, attacks) = Play(scenario, writer, progress, () =>
                {
                    overLimit = writer.Bytes + (writer.Packets * OutputEstimate.RecordHeader) > maxBytes;
                    return overLimit || cancellationToken.IsCancellationRequested;
                });
                cancellationToken.ThrowIfCancellationRequested();
                if (overLimit)
                {
                    throw new ScenarioException($"{source}: the capture passed the limit of {Size(maxBytes)} while being written; raise --max-bytes or shorten the scenario.");
                }

                writer.Flush();
                (packets, bytes, attackCount) = (writer.Packets, writer.Bytes, attacks.Count);
                TruthWriter.Write(partialTruth, scenario, outputPcap, writer.Packets, writer.Bytes, first, last, attacks);
            }

            File.Move(partialPcap, outputPcap, overwrite: true);
            File.Move(partialTruth, truthPath, overwrite: true);
            progress?.Report(1.0);
            return new SimulationResult(outputPcap, truthPath, packets, bytes, attackCount);
        }
        catch
        {
            DeleteQuietly(partialPcap);
            DeleteQuietly(partialTruth);
            throw;
        }
    }

    private static (long Packets, long Bytes) Sample(Scenario scenario, IFrameSink sink, long packets)
    {
        Play(scenario, sink, progress: null, () => sink.Packets >= packets);
        return (sink.Packets, sink.Bytes);
    }

    private static string Size(long bytes) =>
        bytes >= 1L << 30 ? $"{bytes / (double)(1L << 30):N1} GiB" : $"{bytes / (double)(1L << 20):N1} MiB";

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The original failure is the one to report.
        }
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
