namespace Breakwater.Detection;

/// <summary>The bounded pool of per-record analysers shared by hosts and prefixes.</summary>
internal sealed class TrackerPool
{
    /// <summary>Most pooled analysers alive at once (≈ 20–60 KiB each).</summary>
    public const int MaxTrackers = 1024;

    private readonly Stack<IncidentTracker> _pool = new();
    private int _inUse;

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
        tracker.Reset();
        _pool.Push(tracker);
        _inUse--;
    }
}
