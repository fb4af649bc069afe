using Breakwater.Wire;

namespace Breakwater.Detection;

/// <summary>The bounded pool of per-record analysers shared by hosts and prefixes.</summary>
internal sealed class TrackerPool
{
    /// <summary>Most pooled analysers alive at once (≈ 20–60 KiB each).</summary>
    public const int MaxTrackers = 1024;

    private readonly Stack<IncidentTracker> _pool = new();
    private int _inUse;

    /// <summary>Hosts holding an analyser, so that their answers can be recognised on the per-record path.</summary>
    public HotSources Hot { get; } = new();

    /// <summary>Attaches an analyser to a host's run and lists the host in <see cref="Hot"/>.</summary>
    public void EnsureForHost(ref RunState run, NetAddress host)
    {
        Ensure(ref run);
        if (run.Tracker is { Host: null } tracker)
        {
            tracker.Host = host;
            Hot.Add(host);
        }
    }

    /// <summary>Attaches an analyser to the run unless it has one or all are in use.</summary>
    public void Ensure(ref RunState run)
    {
        if (run.Tracker is not null)
        {
            return;
        }

        if (_pool.TryPop(out var tracker))
        {
            run.Tracker = tracker;
        }
        else if (_inUse < MaxTrackers)
        {
            run.Tracker = new IncidentTracker();
        }
        else
        {
            return;
        }

        _inUse++;
    }

    /// <summary>Returns the run's analyser, if any, cleared.</summary>
    public void Release(ref RunState run)
    {
        if (run.Tracker is not { } tracker)
        {
            return;
        }

        run.Tracker = null;
        if (tracker.Host is { } host)
        {
            Hot.Remove(host);
            tracker.Host = null;
        }

        tracker.Reset();
        _pool.Push(tracker);
        _inUse--;
    }
}
