using Breakwater.Core;
using Breakwater.Wire;

namespace Breakwater.Detection.Baselines;

/// <summary>
/// Learned baselines of protected hosts and prefixes by hour of the week (docs/detection.md). The engine feeds it every
/// closed second: normal seconds are learned into the hour's histogram, and when the hour ends its median and 99th
/// percentile per rate are kept for that hour of the week, one slot per week, the newest <c>weeks</c> kept. Seconds
/// under attack, over the limits or in a run towards an incident are left out. Memory: at most
/// <see cref="BaselineSettings.MaxTargets"/> entries. Single-threaded, like the engine; saved and loaded by <see cref="BaselineFile"/>.
/// </summary>
public sealed class BaselineModel
{
    /// <summary>Seconds of an hour that must be learned (seen and normal) before that hour of the week is kept.</summary>
    public const int MinLearnedSeconds = 1800;

    /// <summary>Mapped prefix length of a single host.</summary>
    internal const int HostLength = 128;

    private readonly Dictionary<(NetAddress Address, int Length), int> _index = [];
    private readonly List<BaselineEntry> _entries = [];
    private readonly double[] _rates = new double[BaselineMetric.Count];
    private long _hour = long.MinValue;
    private int _covered;

    public BaselineModel(BaselineSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Weeks, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(settings.Weeks, BaselineSettings.MaxWeeks);
        Settings = settings;
    }

    public BaselineSettings Settings { get; private set; }

    /// <summary>Hosts and prefixes with a baseline.</summary>
    public int Count => _entries.Count;

    /// <summary>Hosts and prefixes refused because <see cref="BaselineSettings.MaxTargets"/> was reached.</summary>
    public long Refused { get; private set; }

    /// <summary>Hour-of-week slots learned over all entries (one per entry, hour and week).</summary>
    public long LearnedHours { get; private set; }

    internal IReadOnlyList<BaselineEntry> Entries => _entries;

    /// <summary>Takes new sensitivity and floors in place; a different week count needs a new model (<see cref="BaselineFile"/> copies).</summary>
    public bool TryReconfigure(BaselineSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Weeks != Settings.Weeks)
        {
            return false;
        }

        Settings = settings;
        foreach (var entry in _entries)
        {
            entry.LimitsHour = -1;
        }

        return true;
    }

    /// <summary>The entry of a host (<paramref name="mappedLength"/> 128) or prefix, created when there is room; -1 when full.</summary>
    internal int Find(NetAddress address, int mappedLength)
    {
        if (_index.TryGetValue((address, mappedLength), out var id))
        {
            return id;
        }

        if (_entries.Count >= Settings.MaxTargets)
        {
            Refused++;
            return -1;
        }

        id = _entries.Count;
        _entries.Add(new BaselineEntry(address, mappedLength, Settings.Weeks));
        _index.Add((address, mappedLength), id);
        return id;
    }

    /// <summary>Adds a loaded entry (<see cref="BaselineFile"/>).</summary>
    internal BaselineEntry? Add(NetAddress address, int mappedLength)
    {
        var id = Find(address, mappedLength);
        return id < 0 ? null : _entries[id];
    }

    /// <summary>Before the engine closes second <paramref name="s"/>: an hour that ended is kept.</summary>
    internal void BeginSecond(long s)
    {
        var hour = HourOfWeek.Serial(s);
        if (hour != _hour)
        {
            FinishHour();
            _hour = hour;
        }
    }

    /// <summary>After every host and prefix closed the second: a whole second counts towards the hour.</summary>
    internal void EndSecond(double seconds)
    {
        if (seconds >= 0.999)
        {
            _covered++;
        }
    }

    /// <summary>Seconds from <paramref name="first"/> on without any traffic at all (every target at 0).</summary>
    internal void Skip(long first, long count)
    {
        while (count > 0)
        {
            BeginSecond(first);
            var left = HourOfWeek.SecondsPerHour - (int)(((first % HourOfWeek.SecondsPerHour) + HourOfWeek.SecondsPerHour) % HourOfWeek.SecondsPerHour);
            var n = (int)Math.Min(count, left);
            _covered += n;
            first += n;
            count -= n;
        }
    }

    /// <summary>End of input (or shutdown): keeps the current hour if enough of it was seen.</summary>
    public void Flush()
    {
        FinishHour();
        _hour = long.MinValue;
    }

    /// <summary>
    /// The baseline's ratio for one closed second (see <see cref="BaselineLimits.Ratio"/>); 0 when nothing is learned
    /// for this hour of the week. <paramref name="classes"/> may be empty (prefixes).
    /// </summary>
    internal double Ratio(int id, long s, long packets, long bytes, ReadOnlySpan<long> classes, double seconds, double releaseFraction, out int metric)
    {
        metric = BaselineMetric.Pps;
        var entry = _entries[id];
        var hour = HourOfWeek.Of(HourOfWeek.Serial(s));
        if (entry.LimitsHour != hour)
        {
            entry.LimitsWeeks = entry.Limits.Compute(entry, hour, Settings);
            entry.LimitsHour = hour;
        }

        if (entry.LimitsWeeks == 0)
        {
            return 0;
        }

        Rates(packets, bytes, classes, seconds);
        return entry.Limits.Ratio(_rates, releaseFraction, out metric);
    }

    /// <summary>Why the baseline fired, e.g. "baseline pps 3000 > 1450 (Tue 03:00 UTC, 2 weeks learned)".</summary>
    internal string Reason(int id, int metric, long s, long packets, long bytes, ReadOnlySpan<long> classes, double seconds)
    {
        var entry = _entries[id];
        Rates(packets, bytes, classes, seconds);
        var hour = HourOfWeek.Of(HourOfWeek.Serial(s));
        return ReportBuilder.Invariant(
            $"baseline {BaselineMetric.Name(metric)} {Math.Round(BaselineMetric.Display(metric, _rates[metric])):0} > {BaselineMetric.Display(metric, entry.Limits.Limit[metric]):0.##} ({HourOfWeek.Describe(hour)}, {entry.LimitsWeeks} {(entry.LimitsWeeks == 1 ? "week" : "weeks")} learned)");
    }

    /// <summary>Learns one closed second of a host or prefix, or counts it as left out when it was not <paramref name="normal"/>.</summary>
    internal void Learn(int id, bool normal, long packets, long bytes, ReadOnlySpan<long> classes, double seconds)
    {
        if (seconds < 0.999)
        {
            return; // the input's partial first and last seconds say nothing about a rate
        }

        var entry = _entries[id];
        if (!normal)
        {
            entry.Excluded++;
            return;
        }

        if (packets == 0 && bytes == 0)
        {
            return; // counted as one of the hour's seconds without traffic
        }

        Rates(packets, bytes, classes, seconds);
        entry.Counted++;
        for (var m = 0; m < BaselineMetric.Count; m++)
        {
            entry.Learn(m, _rates[m]);
        }
    }

    private void Rates(long packets, long bytes, ReadOnlySpan<long> classes, double seconds)
    {
        _rates[BaselineMetric.Pps] = packets / seconds;
        _rates[BaselineMetric.Bps] = bytes * 8.0 / seconds;
        for (var c = 0; c < GroupLimits.ClassCount; c++)
        {
            _rates[BaselineMetric.FirstClass + c] = c < classes.Length ? classes[c] / seconds : 0;
        }
    }

    private void FinishHour()
    {
        if (_hour == long.MinValue)
        {
            return;
        }

        var hour = HourOfWeek.Of(_hour);
        var week = HourOfWeek.Week(_hour);
        foreach (var entry in _entries)
        {
            var learned = _covered - entry.Excluded;
            if (learned >= MinLearnedSeconds && entry.Counted <= learned)
            {
                var slot = week % entry.WeekSlots;
                entry.WeekOf[entry.SlotIndex(hour, slot)] = (ushort)week;
                var values = entry.Values(hour, slot);
                for (var m = 0; m < BaselineMetric.Count; m++)
                {
                    var (median, high) = entry.Quantiles(m, learned);
                    values[m * 2] = LogScale.Encode(median);
                    values[(m * 2) + 1] = LogScale.Encode(high);
                }

                LearnedHours++;
                if (entry.LimitsHour == hour)
                {
                    entry.LimitsHour = -1;
                }
            }

            entry.ResetHour();
        }

        _covered = 0;
    }
}
