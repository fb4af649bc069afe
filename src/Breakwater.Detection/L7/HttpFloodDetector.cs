using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using Breakwater.Core;
using Breakwater.Wire;
using Breakwater.Wire.Http;

namespace Breakwater.Detection.L7;

/// <summary>
/// Detects HTTP floods per service (virtual host) from requests in access logs or packets: per-second request counts
/// against the group's <c>rps</c> with the network engine's hysteresis, and an <c>http_flood</c> incident described by
/// <see cref="HttpFloodTracker"/>. Memory is bounded by <see cref="L7Settings.MaxServices"/> and
/// <see cref="L7Settings.MaxTrackers"/>, whatever the number of clients or hosts. Not thread-safe: one feeding thread.
/// </summary>
public sealed partial class HttpFloodDetector
{
    private const long NanosPerSecond = 1_000_000_000;

    private readonly Dictionary<ulong, ServiceSlot> _services = [];
    private readonly List<ServiceSlot> _order = [];
    private readonly Stack<HttpFloodTracker> _freeTrackers = new();
    private readonly List<IncidentReport> _incidents = [];
    private readonly IIncidentObserver? _observer;
    private readonly long _seed;
    private int _trackersInUse;
    private ulong _lastKey;
    private ServiceSlot? _last;
    private long _latestSecond = long.MinValue;

    public HttpFloodDetector(L7Settings settings, IIncidentObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        _observer = observer;
        _seed = (long)settings.HashSeed;
    }

    public L7Settings Settings { get; }

    /// <summary>Requests counted (all services).</summary>
    public long Requests { get; private set; }

    /// <summary>Incidents found so far, in the order they opened (complete after <see cref="Complete"/>).</summary>
    public IReadOnlyList<IncidentReport> Incidents => _incidents;

    /// <summary>Services seen, at most <see cref="L7Settings.MaxServices"/> + 1.</summary>
    public int Services => _order.Count;

    /// <summary>One request from a log line. The service is the entry's host, else <see cref="L7Settings.DefaultService"/>.</summary>
    public void Add(ref AccessLogEntry entry) => Add(ref entry, default, fromPacket: false);

    /// <summary>One request seen in a packet; without a Host header the service is the server's address.</summary>
    public void Add(ref AccessLogEntry entry, NetAddress server, bool fromPacket)
    {
        Requests++;
        var slot = Slot(entry.Host, server, fromPacket);
        var second = entry.TimestampNanos / NanosPerSecond;
        if (second > slot.Second)
        {
            if (slot.Second != long.MinValue)
            {
                Close(slot, second);
            }

            slot.Second = second;
        }

        _latestSecond = Math.Max(_latestSecond, second);
        slot.SecondRequests++;
        slot.SecondBytes += entry.Bytes;
        var clientHash = entry.Client.Hash((ulong)_seed);
        var pathCount = slot.Paths?.Add(entry.Path, _seed) ?? 0;
        if (slot.Tracker is null
            && (slot.SecondRequests > slot.Limit * Settings.ReleaseFraction || pathCount > Settings.PathRps * Settings.ReleaseFraction))
        {
            slot.Tracker = RentTracker();
        }

        if (slot.Tracker is { } tracker)
        {
            tracker.Add(ref entry, clientHash, _seed);
        }
        else
        {
            CountNormal(slot, ref entry, second);
        }
    }

    /// <summary>Closes every second before <paramref name="unixNanos"/> (the daemon's clock tick), so quiet services end on time.</summary>
    public void AdvanceTo(long unixNanos)
    {
        var second = unixNanos / NanosPerSecond;
        foreach (var slot in _order)
        {
            if (slot.Second != long.MinValue && second > slot.Second)
            {
                Close(slot, second);
                slot.Second = second;
            }
        }
    }

    /// <summary>Drops ended incidents from <see cref="Incidents"/> (the daemon: its observers have them already).</summary>
    public void ForgetEnded() => _incidents.RemoveAll(i => i.Status == "ended");

    /// <summary>End of input: closes the last seconds and every open incident.</summary>
    public void Complete()
    {
        foreach (var slot in _order)
        {
            if (slot.Second != long.MinValue)
            {
                Close(slot, slot.Second + 1);
                slot.Second = long.MinValue;
            }

            if (slot.Run.State == TargetState.Attacked)
            {
                End(slot);
            }
            else if (slot.Tracker is not null)
            {
                ReturnTracker(slot);
            }

            slot.Run.ResetRun();
        }

        foreach (var incident in _incidents)
        {
            var slot = _order.FirstOrDefault(s => s.Name == incident.Target);
            if (slot is not null && incident.Http is { } http)
            {
                incident.Http = HttpIncidentBuilder.WithBaseline(http, slot, Settings);
            }
        }
    }

    private ServiceSlot Slot(ReadOnlySpan<byte> host, NetAddress server, bool fromPacket, bool fromOverflow = false)
    {
        Span<byte> lower = stackalloc byte[128];
        var length = Math.Min(host.Length, lower.Length);
        ulong key;
        if (length > 0)
        {
            Ascii.ToLower(host[..length], lower, out _);
            key = XxHash3.HashToUInt64(lower[..length], _seed);
        }
        else
        {
            key = fromPacket ? server.Hash((ulong)_seed) : 0;
        }

        if (_last is not null && key == _lastKey)
        {
            return _last;
        }

        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_services, key, out var exists);
        if (!exists)
        {
            if (_order.Count >= Settings.MaxServices && !fromOverflow)
            {
                // Past the limit every new host shares one slot (the one slot allowed beyond it).
                _services.Remove(key);
                return Slot("(other hosts)"u8, default, fromPacket: false, fromOverflow: true);
            }

            var name = length > 0 ? Encoding.UTF8.GetString(lower[..length]) : fromPacket ? server.ToString() : Settings.DefaultService;
            slot = new ServiceSlot(name)
            {
                Source = fromPacket ? "packets" : "access_log",
                Limit = Settings.Rps,
                Paths = Settings.PathRps is null ? null : new PathClassCounter(),
            };
            _order.Add(slot);
        }

        _lastKey = key;
        _last = slot!;
        return slot!;
    }

    private static void CountNormal(ServiceSlot slot, ref AccessLogEntry entry, long second)
    {
        if (entry.RequestMicros >= 0)
        {
            slot.NormalLatencyCount++;
            slot.NormalLatencyMicros += entry.RequestMicros;
        }

        var minute = second / 60;
        if (minute != slot.Minute)
        {
            FoldMinute(slot);
            slot.Minute = minute;
        }

        slot.MinuteClients.Add(entry.Client, 1);
    }

    private static void FoldMinute(ServiceSlot slot)
    {
        if (!slot.MinuteTainted)
        {
            var busiest = slot.MinuteClients.Top(1);
            // A minute of normal traffic where no client came back twice still says clients send at least one request.
            var top = busiest.Count > 0 ? busiest[0].Count : slot.Minute != long.MinValue ? 1 : 0;
            slot.PeakClientPerMinute = Math.Max(slot.PeakClientPerMinute, top);
        }

        slot.MinuteTainted = false;
        slot.MinuteClients.Clear();
    }

    private HttpFloodTracker? RentTracker()
    {
        if (_freeTrackers.TryPop(out var tracker))
        {
            _trackersInUse++;
            return tracker;
        }

        if (_trackersInUse >= Settings.MaxTrackers)
        {
            return null;
        }

        _trackersInUse++;
        return new HttpFloodTracker();
    }

    private void ReturnTracker(ServiceSlot slot)
    {
        if (slot.Tracker is { } tracker)
        {
            tracker.Reset();
            _freeTrackers.Push(tracker);
            _trackersInUse--;
            slot.Tracker = null;
        }
    }
}
