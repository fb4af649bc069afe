using System.Text.Json;
using Breakwater.Core;
using Breakwater.Ingest;
using Breakwater.Wire;

namespace Breakwater.Analysis;

/// <summary>Adds up what every input saw, for the analysis document's <c>input</c> object and its warnings.</summary>
internal sealed partial class InputTotals
{
    private readonly HashSet<string> _formats = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _malformedReasons = new(StringComparer.Ordinal);
    private long _first = long.MaxValue;
    private long _last = long.MinValue;

    public List<string> Files { get; } = [];

    public List<string> Warnings { get; } = [];

    public long Packets { get; private set; }

    public long Bytes { get; private set; }

    public long Malformed { get; private set; }

    public long NonIp { get; private set; }

    public bool Truncated { get; private set; }

    public void Add(string file, CaptureFormat format, CaptureStats stats)
    {
        Files.Add(Path.GetFileName(file));
        _formats.Add(format == CaptureFormat.Pcap ? "pcap" : "pcapng");
        Packets += stats.Packets;
        Bytes += stats.Bytes;
        Malformed += stats.Malformed;
        NonIp += stats.NonIp;
        if (stats.Packets > 0)
        {
            _first = Math.Min(_first, stats.FirstNanos);
            _last = Math.Max(_last, stats.LastNanos);
        }

        foreach (var reason in Enum.GetValues<MalformedReason>())
        {
            var count = stats.MalformedFor(reason);
            if (reason is not MalformedReason.None and not MalformedReason.NotIp && count > 0)
            {
                var key = JsonNamingPolicy.SnakeCaseLower.ConvertName(reason.ToString());
                _malformedReasons[key] = _malformedReasons.GetValueOrDefault(key) + count;
            }
        }

        if (stats.Truncated)
        {
            Truncated = true;
            Warnings.Add(CaptureDamage.Describe(Path.GetFileName(file), stats));
        }
    }

    public long TimestampsOutOfOrder { get; private set; }

    public long Analysed { get; private set; }

    public long TimestampsOutOfRange { get; private set; }

    /// <summary>Adds the clock's counts, and a warning for each kind of bad time stamp.</summary>
    public void AddClock(InputClock clock)
    {
        TimestampsOutOfOrder = clock.OutOfOrder;
        TimestampsOutOfRange = clock.OutOfRange;
        Analysed = clock.Accepted;
        if (clock.Newest != long.MinValue)
        {
            // The span of what was analysed, not of damaged or stepped-back stamps.
            (_first, _last) = (clock.First, clock.Newest);
        }

        if (clock.OutOfOrder > 0)
        {
            Warnings.Add($"{clock.OutOfOrder:N0} packets were time-stamped up to {TimeSpan.FromTicks(clock.LargestStepBack / 100):g} before packets read ahead of them " +
                "(a clock stepped back, or files given out of time order) and were left out of detection; give files in time order or merge them with mergecap.");
        }

        if (clock.OutOfRange > 0)
        {
            Warnings.Add($"{clock.OutOfRange:N0} packets had time stamps outside 1970–2106 (a damaged or overflowing clock field) and were left out of detection.");
        }
    }

    public InputSummary ToSummary() => new()
    {
        Files = Files,
        Format = _formats.Count == 1 ? _formats.First() : "mixed",
        Packets = Packets,
        Bytes = Bytes,
        First = _first != long.MaxValue ? DateTimeOffset.UnixEpoch.AddTicks(_first / 100) : null,
        Last = _last != long.MinValue ? DateTimeOffset.UnixEpoch.AddTicks(_last / 100) : null,
        Malformed = Malformed,
        MalformedReasons = _malformedReasons,
        NonIp = NonIp,
        Truncated = Truncated,
        AccessLogs = AccessLogSummary(),
        Analysed = Analysed,
        TimestampsOutOfOrder = TimestampsOutOfOrder,
        TimestampsOutOfRange = TimestampsOutOfRange,
    };
}
