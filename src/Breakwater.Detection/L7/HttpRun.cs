namespace Breakwater.Detection.L7;

/// <summary>
/// Hysteresis of one service, the same machine as the network incidents: a run begins in a second above the release
/// level (<c>release_fraction</c> × <c>rps</c>), opens after <c>trigger_seconds</c> over <c>rps</c> in a row, and ends
/// after <c>quiet_seconds</c> below the release level. Start and end are the run's first and last seconds above it.
/// </summary>
internal struct HttpRun
{
    public HttpRunState State;
    public long RunStart;
    public long LastAttackSecond;
    public int OverStreak;
    public int Quiet;
    public long Requests;
    public long Bytes;
    public double PeakRps;

    /// <summary>Applies one closed second.</summary>
    public HttpTransition Step(long second, long requests, long bytes, bool above, bool over, int triggerSeconds, int quietSeconds)
    {
        switch (State)
        {
            case HttpRunState.Idle when !above:
                return HttpTransition.None;
            case HttpRunState.Idle:
                State = HttpRunState.Pending;
                RunStart = second;
                OverStreak = 0;
                Add(second, requests, bytes);
                return HttpTransition.Began | Pending(over, triggerSeconds);
            case HttpRunState.Pending when !above:
                Reset();
                return HttpTransition.Lapsed;
            case HttpRunState.Pending:
                Add(second, requests, bytes);
                return Pending(over, triggerSeconds);
            default:
                if (above)
                {
                    Add(second, requests, bytes);
                    Quiet = 0;
                    return HttpTransition.Attack;
                }

                return ++Quiet >= quietSeconds ? HttpTransition.Ended : HttpTransition.None;
        }
    }

    /// <summary>Seconds without any request: a pending run lapses, an open incident counts quiet time.</summary>
    public HttpTransition Skip(long seconds, int quietSeconds)
    {
        switch (State)
        {
            case HttpRunState.Pending:
                Reset();
                return HttpTransition.Lapsed;
            case HttpRunState.Attacked:
                Quiet = (int)Math.Min(Quiet + seconds, int.MaxValue);
                return Quiet >= quietSeconds ? HttpTransition.Ended : HttpTransition.None;
            default:
                return HttpTransition.None;
        }
    }

    public void Reset() => this = default;

    private HttpTransition Pending(bool over, int triggerSeconds)
    {
        OverStreak = over ? OverStreak + 1 : 0;
        if (OverStreak < triggerSeconds)
        {
            return HttpTransition.None;
        }

        State = HttpRunState.Attacked;
        Quiet = 0;
        return HttpTransition.Opened;
    }

    private void Add(long second, long requests, long bytes)
    {
        Requests += requests;
        Bytes += bytes;
        PeakRps = Math.Max(PeakRps, requests);
        LastAttackSecond = second;
    }
}
