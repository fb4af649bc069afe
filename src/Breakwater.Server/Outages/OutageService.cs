using Breakwater.Configuration;
using Breakwater.Outages.Probes;
using Breakwater.Outages.Reports;
using Breakwater.Outages.Timeline;
using Breakwater.Outages.Waves;
using Microsoft.Extensions.Hosting;

namespace Breakwater.Server.Outages;

/// <summary>
/// Outside-in monitoring in the daemon: runs the configured probes (and posts their results to a central daemon when
/// <c>vantage.report_to</c> is set), turns local and agents' results into probe states with quorum, admits user
/// reports and watches them for waves. State changes and waves go to the event stream.
/// </summary>
public sealed class OutageService : IHostedService, IDisposable
{
    private readonly BreakwaterConfig _config;
    private readonly EventStreamWriter _events;
    private readonly TimeProvider _time;
    private readonly ProbeReporter? _reporter;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _running = [];
    private readonly IReadOnlyList<string> _intelFiles;

    public OutageService(BreakwaterConfig config, EventStreamWriter events, TimeProvider time, IReadOnlyList<string>? intelFiles = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        _events = events;
        _time = time;
        _intelFiles = intelFiles ?? [];
        Specs = [.. config.Probes.Select(ToSpec)];
        Probes = new ProbeMonitor(Specs, events.WriteProbeState);
        var reports = config.Reports;
        Intake = new ReportIntake(new ReportSettings
        {
            Enabled = reports.Enabled, Window = reports.Window, Token = reports.Token, PerAddress = reports.PerAddress,
            PerPrefix = reports.PerPrefix, PerMinute = reports.PerMinute, MaxBodyBytes = reports.MaxBodyBytes,
        }, time);
        Waves = new OutageWatch(Intake.Log, events.WriteWave);
        if (config.Vantage.ReportTo is { } central)
        {
            _reporter = new ProbeReporter(new HttpClient { Timeout = TimeSpan.FromSeconds(10) }, central, config.Vantage.Token, config.Vantage.Name);
        }
    }

    public IReadOnlyList<ProbeSpec> Specs { get; }

    public ProbeMonitor Probes { get; }

    public ReportIntake Intake { get; }

    public OutageWatch Waves { get; }

    public ReportSettings ReportSettings => new()
    {
        Enabled = _config.Reports.Enabled, Token = _config.Reports.Token, MaxBodyBytes = _config.Reports.MaxBodyBytes, Window = _config.Reports.Window,
    };

    /// <summary>Commands and claims from the configured intel files (read at start; IP lists are skipped).</summary>
    public (IReadOnlyList<TimelineCommand> Commands, IReadOnlyList<Claim> Claims) Intel { get; private set; } = ([], []);

    public static ProbeSpec ToSpec(ProbeEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new ProbeSpec
        {
            Name = e.Name, Kind = Enum.Parse<ProbeKind>(e.Type, ignoreCase: true), Target = e.Target, Interval = e.Interval, Timeout = e.Timeout,
            Retries = e.Retries, DegradedMs = e.DegradedMs, ExpectStatus = e.ExpectStatus, BodyContains = e.BodyContains, CertMinDays = e.CertMinDays,
            Insecure = e.Insecure, Server = e.Server, RecordType = e.Record, Quorum = e.Quorum,
        };
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Intel = ReadIntel(_intelFiles);
        if (Specs.Count > 0)
        {
            var intervals = Specs.ToDictionary(s => s.Name, s => s.Interval, StringComparer.Ordinal);
            var sinks = new List<Action<ProbeResult>> { r => Probes.Record(r) };
            if (_reporter is { } reporter)
            {
                // Posted in the background: a slow central daemon never delays the next round.
                sinks.Add(r => _ = reporter.ReportAsync(r, intervals[r.Probe], _stop.Token));
            }

            var scheduler = new ProbeScheduler(Specs, _config.Vantage.Name, _time, sinks);
            _running.Add(scheduler.RunAsync(_stop.Token));
        }

        _running.Add(TickAsync(_stop.Token));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_running);
    }

    public void Dispose()
    {
        _stop.Dispose();
        _reporter?.Dispose();
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5), _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                Waves.Advance(_time.GetUtcNow());
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static (IReadOnlyList<TimelineCommand>, IReadOnlyList<Claim>) ReadIntel(IReadOnlyList<string> files)
    {
        var commands = new List<TimelineCommand>();
        var claims = new List<Claim>();
        foreach (var file in files)
        {
            try
            {
                var (c, k) = IntelFileReader.ReadFile(file);
                commands.AddRange(c);
                claims.AddRange(k);
            }
            catch (ReportInputException)
            {
                // IP lists and unreadable files add nothing to the timeline; the forensics loader reports them.
            }
        }

        return (commands, claims);
    }
}
