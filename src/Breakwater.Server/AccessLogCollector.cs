using Breakwater.Configuration;
using Breakwater.Core;
using Breakwater.Detection;
using Breakwater.Detection.L7;
using Breakwater.Ingest.AccessLogs;
using Breakwater.Ingest.Collectors;
using Breakwater.Wire.Http;

namespace Breakwater.Server;

/// <summary>
/// <c>collectors.access_log</c> in the daemon: follows each configured log across rotation and feeds its requests to one
/// <see cref="HttpFloodDetector"/>, whose <c>http_flood</c> incidents go to the same observers as the network engine's
/// (event stream, store, alerts, live feed). Polled from the decode-and-detect thread, so incidents are reported from
/// one thread as the engine's are.
/// </summary>
public sealed class AccessLogCollector : IDisposable
{
    /// <summary>Bytes parsed per log per poll at most, so a burst of log never starves packet detection for long.</summary>
    public const int BytesPerPoll = 4 << 20;

    // Log lines are written when a request ends; a second is closed only once its late lines have had time to land.
    private const long LateLineNanos = 2_000_000_000;

    private readonly List<AccessLogFollower> _followers = [];
    private readonly long[] _reportedDrops = new long[Enum.GetValues<AccessLogMalformed>().Length];
    private long _reportedRequests;

    public AccessLogCollector(AccessLogCollectorSettings settings, DetectionSettings detection, IIncidentObserver observer)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var format = settings.Format switch
        {
            "combined" => AccessLogFormat.Combined,
            "json" => AccessLogFormat.Json,
            "caddy" => AccessLogFormat.Caddy,
            _ => AccessLogFormat.Unknown,
        };
        foreach (var path in settings.Paths)
        {
            _followers.Add(new AccessLogFollower(path, format, settings.FromStart));
        }

        Detector = new HttpFloodDetector(L7Settings.From(detection, settings.Service, settings.Group), observer);
    }

    public HttpFloodDetector Detector { get; }

    public IReadOnlyList<AccessLogFollower> Followers => _followers;

    /// <summary>Requests and malformed lines (as drops, by reason) for <c>collector.stats</c>.</summary>
    public CollectorCounters Counters { get; } = new("access_log");

    /// <summary>Reads what the logs gained and closes the seconds before <paramref name="nowNanos"/> less the late-line allowance.</summary>
    public void Poll(long nowNanos)
    {
        var sink = new Sink(Detector);
        foreach (var follower in _followers)
        {
            follower.Poll(ref sink, BytesPerPoll);
        }

        Detector.AdvanceTo(nowNanos - LateLineNanos);
        Detector.ForgetEnded();
        UpdateCounters();
    }

    /// <summary>Open incidents (for the shutdown's <c>interrupted</c> updates).</summary>
    public IEnumerable<IncidentReport> OpenIncidents => Detector.Incidents.Where(i => i.Status != "ended");

    public void Dispose()
    {
        foreach (var follower in _followers)
        {
            follower.Dispose();
        }
    }

    private void UpdateCounters()
    {
        long requests = 0;
        var drops = new long[_reportedDrops.Length];
        foreach (var follower in _followers)
        {
            var stats = follower.Stats;
            requests += stats.Requests;
            for (var i = 1; i < drops.Length; i++)
            {
                drops[i] += stats.MalformedFor((AccessLogMalformed)i);
            }
        }

        Counters.CountRecords((int)Math.Min(requests - _reportedRequests, int.MaxValue));
        _reportedRequests = requests;
        for (var i = 1; i < drops.Length; i++)
        {
            if (drops[i] > _reportedDrops[i])
            {
                Counters.CountDrop((AccessLogMalformed)i, drops[i] - _reportedDrops[i]);
                _reportedDrops[i] = drops[i];
            }
        }
    }

    private readonly struct Sink(HttpFloodDetector detector) : IAccessLogSink
    {
        public void OnRequest(ref AccessLogEntry entry) => detector.Add(ref entry);
    }
}
