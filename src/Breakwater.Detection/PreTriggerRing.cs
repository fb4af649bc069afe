using Breakwater.Wire;

namespace Breakwater.Detection;

/// <summary>
/// Pre-trigger context: a bounded ring of the most recent records to targets that are busy (at least
/// <see cref="MinSecondPackets"/> packets in the current second) but have no analyser yet. When an analyser is
/// attached to a host, the host's records still in the ring are replayed into its forensics, so the timeline and the
/// evidence (handshakes, first sources) include the seconds before the rate crossed the release level.
/// Fixed memory (≈ 2.5 MiB); payloads are not kept, so payload shapes (DNS labels, HTTP headers) start at attachment.
/// </summary>
internal sealed class PreTriggerRing(ulong seed)
{
    public const int Capacity = 16_384;

    /// <summary>Records to a target that has had fewer packets than this in the current second are not kept (background).</summary>
    public const long MinSecondPackets = 16;

    private readonly TrafficRecord[] _records = new TrafficRecord[Capacity];
    private readonly long[] _packets = new long[Capacity];
    private readonly long[] _bytes = new long[Capacity];
    private int _next;
    private int _count;

    public void Add(ref TrafficRecord record, long packets, long bytes)
    {
        _records[_next] = record;
        _packets[_next] = packets;
        _bytes[_next] = bytes;
        _next = (_next + 1) & (Capacity - 1);
        if (_count < Capacity)
        {
            _count++;
        }
    }

    /// <summary>Feeds the host's kept records, oldest first, to <paramref name="recorder"/>; returns how many.</summary>
    public int Replay(NetAddress host, ForensicRecorder recorder)
    {
        var replayed = 0;
        var start = (_next - _count) & (Capacity - 1);
        for (var i = 0; i < _count; i++)
        {
            var at = (start + i) & (Capacity - 1);
            ref var record = ref _records[at];
            if (record.Destination != host)
            {
                continue;
            }

            var kind = VectorClassifier.Classify(ref record, []);
            recorder.Add(ref record, [], kind, _packets[at], _bytes[at], record.Source.Hash(seed));
            replayed++;
        }

        return replayed;
    }
}
