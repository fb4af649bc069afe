using Breakwater.Detection;
using Breakwater.Wire;

namespace Breakwater.Storage.Writing;

/// <summary>Adds per-target seconds into per-target minutes (writer thread only); <see cref="MoveTo"/> hands them to a batch.</summary>
internal sealed class RollupAggregator
{
    private readonly Dictionary<(NetAddress, long), Minute> _minutes = [];

    public int Count => _minutes.Count;

    public void Add(in TargetSecond s)
    {
        if (s.Packets == 0 && s.Bytes == 0)
        {
            return;
        }

        var key = (s.Target, s.Second - (((s.Second % 60) + 60) % 60));
        if (!_minutes.TryGetValue(key, out var m))
        {
            m = new Minute();
            _minutes[key] = m;
        }

        m.Packets += s.Packets;
        m.Bytes += s.Bytes;
        m.PeakPps = Math.Max(m.PeakPps, s.Packets);
        m.PeakBps = Math.Max(m.PeakBps, s.Bytes * 8);
        m.Classes = m.Classes.Add(new TrafficClasses(s.Tcp, s.Udp, s.Icmp, s.Syn, s.Ack, s.Rst, s.Fin, s.Fragment));
    }

    public void MoveTo(List<TrafficRollup> rows)
    {
        foreach (var ((address, minute), m) in _minutes)
        {
            rows.Add(new TrafficRollup(address.ToString(), minute, m.Packets, m.Bytes, m.PeakPps, m.PeakBps, m.Classes));
        }

        _minutes.Clear();
    }

    private sealed class Minute
    {
        public long Packets;
        public long Bytes;
        public long PeakPps;
        public long PeakBps;
        public TrafficClasses Classes;
    }
}
