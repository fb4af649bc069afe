using System.Globalization;
using Breakwater.Outages.Waves;

namespace Breakwater.Outages.Probes;

/// <summary>
/// Turns probe results from one or more vantage points into one state per probe. Down only when a quorum of the
/// vantage points reporting agrees; degraded when some fail, or when latency is far above its own learned baseline
/// (a fixed <see cref="ProbeSpec.DegradedMs"/> overrides), or the certificate is about to expire; else up. A state is
/// announced once it has held for <see cref="ProbeTrackerSettings.ConfirmRounds"/> intervals.
/// </summary>
public sealed class ProbeStateTracker
{
    private const int MaxHistory = 10_000;
    private readonly ProbeSpec _spec;
    private readonly ProbeTrackerSettings _settings;
    private readonly SeasonalBaseline _latency;
    private readonly Dictionary<string, ProbeResult> _latest = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> _recoveries = new();
    private readonly List<ProbeStateChange> _history = [];
    private ProbeState _candidate;
    private DateTimeOffset _candidateSince;

    public ProbeStateTracker(ProbeSpec spec, ProbeTrackerSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _spec = spec;
        _settings = settings ?? new ProbeTrackerSettings();
        var bucket = spec.Interval < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : spec.Interval;
        var slot = bucket <= TimeSpan.FromMinutes(15) ? TimeSpan.FromMinutes(15) : TimeSpan.FromHours(1);
        _latency = new SeasonalBaseline(new BaselineSettings
        {
            Bucket = bucket, Slot = slot, Days = 3, Weeks = 1, MinWeeksForDayOfWeek = 2, CountSignal = false,
            MinSamples = _settings.LatencyMinSamples, Recent = TimeSpan.FromTicks(Math.Max(bucket.Ticks * 16, Math.Min(TimeSpan.FromHours(1).Ticks, bucket.Ticks * 360))),
        });
    }

    public string Probe => _spec.Name;

    /// <summary>What this tracker was made for (a reload with a different spec gets a new tracker).</summary>
    public ProbeSpec Spec => _spec;

    public ProbeState State { get; private set; }

    public bool Cycling { get; private set; }

    /// <summary>Every announced change, oldest first (bounded).</summary>
    public IReadOnlyList<ProbeStateChange> History => _history;

    /// <summary>
    /// Takes up where a previous tracker (of an earlier run, from the store, or before a reload) left off: its announced
    /// changes, oldest first. The last one's state holds until results say otherwise, so a restart announces nothing
    /// new for a probe whose state did not change; recoveries within the cycling window still count.
    /// </summary>
    public void Restore(IEnumerable<ProbeStateChange> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        foreach (var change in history.OrderBy(c => c.Time))
        {
            if (_history.Count == MaxHistory)
            {
                _history.RemoveAt(0);
            }

            _history.Add(change);
            if (change.Previous is ProbeState.Down or ProbeState.Degraded && change.State == ProbeState.Up)
            {
                _recoveries.Enqueue(change.Time);
            }

            State = change.State;
            Cycling = change.Cycling;
            _candidate = change.State;
            _candidateSince = change.Time;
        }
    }

    /// <summary>Adds one round's result; returns the change it announces, if any.</summary>
    public ProbeStateChange? Record(ProbeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var now = result.Time;
        _latest[result.Vantage] = result;
        var fresh = _latest.Values.Where(r => now - r.Time <= _spec.Interval * _settings.StaleRounds).ToList();
        var failing = fresh.Where(r => !r.Success).OrderBy(r => r.Vantage, StringComparer.Ordinal).ToList();
        var quorum = Math.Clamp(_spec.Quorum ?? ((fresh.Count / 2) + 1), 1, Math.Max(1, fresh.Count));
        var latencies = fresh.Where(r => r.Success && r.LatencyMs is not null).Select(r => r.LatencyMs!.Value).ToArray();
        var latency = latencies.Length == 0 ? (double?)null : RobustStats.Median(latencies);
        var expected = _latency.Expect(now);
        var (state, reason) = Judge(fresh, failing, quorum, latency, expected);
        if (result.Success && result.LatencyMs is { } sample)
        {
            var bucket = ReportSeries.Floor(now, _latency.Settings.Bucket);
            _latency.Learn(bucket, sample, suppress: state == ProbeState.Down);
        }

        if (state != _candidate)
        {
            _candidate = state;
            _candidateSince = now;
        }

        var held = now - _candidateSince >= (_spec.Interval * (_settings.ConfirmRounds - 1)) - TimeSpan.FromMilliseconds(_spec.Interval.TotalMilliseconds / 10);
        var previous = State;
        if (held && _candidate != State)
        {
            if (State is ProbeState.Down or ProbeState.Degraded && _candidate == ProbeState.Up)
            {
                _recoveries.Enqueue(now);
            }

            State = _candidate;
        }

        while (_recoveries.Count > 0 && now - _recoveries.Peek() > _settings.CyclingWindow)
        {
            _recoveries.Dequeue();
        }

        var cycling = _recoveries.Count >= _settings.CyclingSwings;
        if (State == previous && cycling == Cycling)
        {
            return null;
        }

        Cycling = cycling;
        var change = new ProbeStateChange
        {
            Probe = _spec.Name, State = State, Previous = previous, Time = now, Cycling = cycling,
            Vantage = fresh.Count == 1 ? fresh[0].Vantage : "quorum",
            Reason = State == previous ? (cycling ? $"cycling: {_recoveries.Count} recoveries within {_settings.CyclingWindow.TotalMinutes:0} min" : "no longer cycling") : reason,
            Failing = [.. failing.Select(f => f.Vantage)], Vantages = fresh.Count,
            LatencyMs = latency, BaselineMs = expected.Known ? Math.Round(expected.Median, 2) : null,
        };
        if (_history.Count == MaxHistory)
        {
            _history.RemoveAt(0);
        }

        _history.Add(change);
        return change;
    }

    private (ProbeState State, string Reason) Judge(List<ProbeResult> fresh, List<ProbeResult> failing, int quorum, double? latency, BaselineEstimate expected)
    {
        var inv = CultureInfo.InvariantCulture;
        if (failing.Count >= quorum)
        {
            return (ProbeState.Down, string.Create(inv, $"{failing.Count} of {fresh.Count} vantage point(s) fail (quorum {quorum}): {failing[0].Error}"));
        }

        if (failing.Count > 0)
        {
            return (ProbeState.Degraded, string.Create(inv, $"{failing.Count} of {fresh.Count} vantage points fail: {failing[0].Error}"));
        }

        if (latency is { } ms)
        {
            if (_spec.DegradedMs is { } limit)
            {
                if (ms > limit)
                {
                    return (ProbeState.Degraded, string.Create(inv, $"latency {ms:0.#} ms above degraded_ms {limit:0.#}"));
                }
            }
            else if (expected.Known && expected.ZScore(ms) >= _settings.LatencyZ && ms >= expected.Median * _settings.LatencyRatio
                     && ms - expected.Median >= _settings.LatencyMinExcessMs)
            {
                return (ProbeState.Degraded, string.Create(inv, $"latency {ms:0.#} ms, far above its baseline of {expected.Median:0.#} ms"));
            }
        }

        var warning = fresh.FirstOrDefault(r => r.CertDaysLeft is { } d && d < _spec.CertMinDays)?.Error;
        return warning is not null ? (ProbeState.Degraded, warning) : (ProbeState.Up, "all vantage points succeed");
    }
}
