using Breakwater.Detection;

namespace Breakwater.Server;

/// <summary>
/// The dashboard's "current seconds": the engine's closed seconds of the busiest targets, published as a <c>traffic</c>
/// server-sent event about once a second (the minute rollups cover what came before). The engine calls
/// <see cref="OnTargetSecond"/> on the detection thread for every target with traffic: it keeps the top
/// <see cref="TopTargets"/> of the second in a fixed array (no allocation, a short scan), and a timer publishes.
/// </summary>
public sealed class LiveTraffic : ITargetSecondObserver, IDisposable
{
    public const int TopTargets = 16;

    private readonly LiveFeed _feed;
    private readonly Lock _gate = new();
    private readonly ITimer _timer;
    private TargetSecond[] _filling = new TargetSecond[TopTargets];
    private TargetSecond[] _ready = new TargetSecond[TopTargets];
    private int _fillingCount;
    private int _readyCount;
    private long _second = long.MinValue;

    public LiveTraffic(LiveFeed feed, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _feed = feed;
        _timer = time.CreateTimer(_ => Publish(), null, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500));
    }

    public void OnTargetSecond(in TargetSecond second)
    {
        if (second.Second != _second)
        {
            if (_fillingCount > 0)
            {
                lock (_gate)
                {
                    (_filling, _ready) = (_ready, _filling);
                    _readyCount = _fillingCount;
                }
            }

            _fillingCount = 0;
            _second = second.Second;
        }

        if (_fillingCount < TopTargets)
        {
            _filling[_fillingCount++] = second;
            return;
        }

        var smallest = 0;
        for (var i = 1; i < TopTargets; i++)
        {
            if (_filling[i].Packets < _filling[smallest].Packets)
            {
                smallest = i;
            }
        }

        if (second.Packets > _filling[smallest].Packets)
        {
            _filling[smallest] = second;
        }
    }

    private void Publish()
    {
        TargetSecond[] targets;
        lock (_gate)
        {
            if (_readyCount == 0)
            {
                return;
            }

            targets = _ready.AsSpan(0, _readyCount).ToArray();
            _readyCount = 0;
        }

        Array.Sort(targets, static (a, b) => b.Packets.CompareTo(a.Packets));
        _feed.Publish("traffic", writer =>
        {
            writer.WriteStartArray("targets");
            foreach (var t in targets)
            {
                writer.WriteStartObject();
                writer.WriteString("target", t.Target.ToString());
                writer.WriteNumber("second", t.Second);
                writer.WriteNumber("packets", t.Packets);
                writer.WriteNumber("bytes", t.Bytes);
                writer.WriteNumber("tcp", t.Tcp);
                writer.WriteNumber("udp", t.Udp);
                writer.WriteNumber("icmp", t.Icmp);
                writer.WriteNumber("syn", t.Syn);
                writer.WriteNumber("ack", t.Ack);
                writer.WriteNumber("rst", t.Rst);
                writer.WriteNumber("fin", t.Fin);
                writer.WriteNumber("fragment", t.Fragment);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }

    public void Dispose() => _timer.Dispose();
}
