using Breakwater.Configuration;
using Breakwater.Outages.Probes;
using Breakwater.Outages.Reports;
using Breakwater.Outages.Timeline;
using Breakwater.Outages.Waves;
using Breakwater.Storage.Outages;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Breakwater.Server.Outages;

/// <summary>
/// Outside-in monitoring in the daemon: runs the configured probes (and posts their results to a central daemon when
/// <c>vantage.report_to</c> is set), turns local and agents' results into probe states with quorum, admits user
/// reports and watches them for waves. State changes and waves go to the event stream and, with a store, survive a
/// restart (<c>OutageService.Store.cs</c>). A configuration reload restarts the probes with the new set and re-reads
/// the intel files (<see cref="Reconfigure"/>).
/// </summary>
public sealed partial class OutageService : IHostedService, IDisposable
{
    private readonly Lock _gate = new();
    private readonly EventStreamWriter _events;
    private readonly TimeProvider _time;
    private readonly IOutageStore? _store;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _running = [];
    private BreakwaterConfig _config;
    private ProbeReporter? _reporter;
    private CancellationTokenSource? _probeStop;
    private Task _probes = Task.CompletedTask;

    public OutageService(BreakwaterConfig config, EventStreamWriter events, TimeProvider time, IOutageStore? store = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(events);
        _config = config;
        _events = events;
        _time = time;
        _store = store;
        _logger = logger ?? NullLogger.Instance;
        Specs = [.. config.Probes.Select(ToSpec)];
        Probes = new ProbeMonitor(Specs, OnProbeState);
        Intake = new ReportIntake(IntakeSettings(config.Reports), time);
        Waves = new OutageWatch(Intake.Log, OnWave);
        _reporter = Reporter(config.Vantage);
    }

    /// <summary>The probes this daemon runs (replaced on a reload).</summary>
    public IReadOnlyList<ProbeSpec> Specs { get; private set; }

    public ProbeMonitor Probes { get; }

    public ReportIntake Intake { get; }

    public OutageWatch Waves { get; }

    public ReportSettings ReportSettings => IntakeSettings(_config.Reports);

    /// <summary>Commands and claims from the configured intel files (<c>intel.files</c>; read at start and on reload; IP lists are skipped).</summary>
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

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Intel = ReadIntel(_config.Forensics.IntelFiles);
        await ResumeAsync(cancellationToken);
        lock (_gate)
        {
            StartProbes();
        }

        _running.Add(TickAsync(_stop.Token));
    }

    /// <summary>
    /// A reloaded configuration: the probe rounds stop and start again with the new probe set (states and history of
    /// probes that stay are kept), the report limits and the vantage settings are replaced, the intel files re-read.
    /// </summary>
    public void Reconfigure(BreakwaterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Intel = ReadIntel(config.Forensics.IntelFiles);
        lock (_gate)
        {
            var previous = _config;
            _config = config;
            Intake.Settings = IntakeSettings(config.Reports);
            var specs = config.Probes.Select(ToSpec).ToList();
            if (specs.SequenceEqual(Specs, SpecComparer.Instance) && previous.Vantage == config.Vantage)
            {
                return;
            }

            _probeStop?.Cancel();
            Probes.Reconfigure(specs, Specs.Select(s => s.Name));
            Specs = specs;
            _reporter?.Dispose();
            _reporter = Reporter(config.Vantage);
            StartProbes();
            OutageLog.ProbesRestarted(_logger, specs.Count == 0 ? "none" : string.Join(", ", specs.Select(s => s.Name)));
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        Task probes;
        lock (_gate)
        {
            _probeStop?.Cancel();
            probes = _probes;
        }

        await Task.WhenAll([.. _running, probes]);
        await FlushAsync(CancellationToken.None);
    }

    public void Dispose()
    {
        _stop.Dispose();
        _probeStop?.Dispose();
        _flush.Dispose();
        _reporter?.Dispose();
    }

    /// <summary>Starts one scheduler for the current probe set (under <see cref="_gate"/>); the previous one was cancelled.</summary>
    private void StartProbes()
    {
        _probeStop = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        if (Specs.Count == 0)
        {
            _probes = Task.CompletedTask;
            return;
        }

        var token = _probeStop.Token;
        var intervals = Specs.ToDictionary(s => s.Name, s => s.Interval, StringComparer.Ordinal);
        var sinks = new List<Action<ProbeResult>> { r => Probes.Record(r) };
        if (_reporter is { } reporter)
        {
            // Posted in the background: a slow central daemon never delays the next round.
            sinks.Add(r => _ = reporter.ReportAsync(r, intervals[r.Probe], token));
        }

        var scheduler = new ProbeScheduler(Specs, _config.Vantage.Name, _time, sinks);
        var previous = _probes;
        _probes = Task.WhenAll(previous, scheduler.RunAsync(token));
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5), _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                Waves.Advance(_time.GetUtcNow());
                await FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void OnProbeState(ProbeStateChange change)
    {
        _events.WriteProbeState(change);
        Unsaved(change);
    }

    private void OnWave(WaveChange change)
    {
        _events.WriteWave(change);
        if (change.Wave is { } wave)
        {
            Unsaved(wave);
        }
    }

    private static ProbeReporter? Reporter(VantageSettings vantage) => vantage.ReportTo is { } central
        ? new ProbeReporter(new HttpClient { Timeout = TimeSpan.FromSeconds(10) }, central, vantage.Token, vantage.Name)
        : null;

    private static ReportSettings IntakeSettings(ReportsSettings reports) => new()
    {
        Enabled = reports.Enabled, Window = reports.Window, Token = reports.Token, PerAddress = reports.PerAddress,
        PerPrefix = reports.PerPrefix, PerMinute = reports.PerMinute, MaxBodyBytes = reports.MaxBodyBytes,
    };

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

    /// <summary>Probe specs compared by value (the status list included).</summary>
    private sealed class SpecComparer : IEqualityComparer<ProbeSpec>
    {
        public static SpecComparer Instance { get; } = new();

        public bool Equals(ProbeSpec? x, ProbeSpec? y) =>
            x is not null && y is not null && x with { ExpectStatus = y.ExpectStatus } == y && x.ExpectStatus.SequenceEqual(y.ExpectStatus);

        public int GetHashCode(ProbeSpec obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
