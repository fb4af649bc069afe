using System.Collections.Concurrent;
using System.Threading.Channels;
using Breakwater.Bgp;
using Breakwater.Configuration;
using Breakwater.Core;
using Breakwater.Detection;
using Breakwater.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Breakwater.Mitigation;

/// <summary>
/// The daemon's mitigation: an incident observer that never blocks detection (changes are queued), one work loop that
/// decides (<see cref="MitigationPolicy"/>), announces through the BGP speaker and applies nftables, persists every
/// change with an audit row, and withdraws what expired (TTL counted from the attack's last second) once a second.
/// On start it reconciles with the store: what should still be in force is announced again, what expired is withdrawn.
/// </summary>
public sealed partial class MitigationService : IIncidentObserver, IAsyncDisposable
{
    public const string PolicyActor = "policy";

    private readonly Channel<Func<Task>> _work = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, MitigationRecord> _live = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _byIncident = new(StringComparer.Ordinal);
    private readonly HashSet<string> _openIncidents = new(StringComparer.Ordinal);
    private readonly HashSet<string> _operatorWithdrawn = new(StringComparer.Ordinal);
    private readonly HashSet<string> _refused = new(StringComparer.Ordinal);
    private readonly BreakwaterConfig _config;
    private readonly IMitigationStore? _store;
    private readonly IMitigationEvents _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly NftablesApplier? _nft;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private ITimer? _ticker;
    private int _disposed;

    public MitigationService(BreakwaterConfig config, IMitigationStore? store, IMitigationEvents events, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(events);
        _config = config;
        _store = store;
        _events = events;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        if (config.Bgp is { } bgp)
        {
            Speaker = new BgpSpeaker(SpeakerFactory.Options(bgp), _time, message => MitigationLog.Bgp(_logger, message));
        }

        if (config.Mitigation.Nftables.Apply || config.GroupMitigation.Values.Any(g => g.Nftables.Apply))
        {
            _nft = new NftablesApplier(config.Mitigation.Nftables);
        }
    }

    /// <summary>The BGP speaker (null without a <c>bgp</c> section).</summary>
    public BgpSpeaker? Speaker { get; }

    /// <summary>Mitigations pending, in dry-run or active, as this process holds them.</summary>
    public IReadOnlyList<MitigationRecord> Live => [.. _live.Values.OrderByDescending(r => r.Created)];

    /// <summary>Reconciles with the store, starts the speaker (which then sends the restored routes) and the work loop.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await ReconcileAsync(cancellationToken);
        Speaker?.Start();
        _loop = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
        _ticker = _time.CreateTimer(_ => Post(ExpireDueAsync), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public void OnStarted(IncidentReport incident) => Post(() => OnIncidentAsync(incident, ended: false));

    public void OnUpdated(IncidentReport incident) => Post(() => OnIncidentAsync(incident, ended: false));

    public void OnEnded(IncidentReport incident) => Post(() => OnIncidentAsync(incident, ended: true));

    /// <summary>Approves a pending mitigation: it is announced now.</summary>
    public Task<MitigationResult> ApproveAsync(string id, string actor) => RunWorkAsync(() => ApproveCoreAsync(id, actor));

    /// <summary>Withdraws one mitigation; the incident is not mitigated again automatically.</summary>
    public Task<MitigationResult> WithdrawAsync(string id, string actor) => RunWorkAsync(() => WithdrawOneAsync(id, actor));

    /// <summary>The kill switch: withdraws every mitigation (and every route the speaker holds); returns how many.</summary>
    public Task<int> WithdrawAllAsync(string actor) => RunWorkAsync(() => WithdrawAllCoreAsync(actor));

    /// <summary>An operator's request to mitigate an incident now, whatever the mode (the policy's limits still apply).</summary>
    public Task<MitigationResult> CreateAsync(IncidentReport incident, string actor) => RunWorkAsync(() => CreateManualAsync(incident, actor));

    /// <summary>Completes once every change queued so far has been handled.</summary>
    public Task FlushAsync() => RunWorkAsync(() => Task.FromResult(0));

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_ticker is not null)
        {
            await _ticker.DisposeAsync();
        }

        _work.Writer.TryComplete();
        await _stop.CancelAsync();
        if (_loop is not null)
        {
#pragma warning disable VSTHRD003 // The loop was started by StartAsync on this object.
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
#pragma warning restore VSTHRD003
        }

        if (Speaker is not null)
        {
            await Speaker.DisposeAsync();
        }

        _stop.Dispose();
    }

    private void Post(Func<Task> work) => _work.Writer.TryWrite(work);

    private Task<T> RunWorkAsync<T>(Func<Task<T>> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_work.Writer.TryWrite(async () =>
            {
                try
                {
                    done.SetResult(await work());
                }
                catch (Exception e)
                {
                    done.SetException(e);
                }
            }))
        {
            done.SetException(new ObjectDisposedException(nameof(MitigationService)));
        }

        return done.Task;
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var work in _work.Reader.ReadAllAsync(cancellationToken))
            {
                try
                {
                    await work();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    MitigationLog.WorkFailed(_logger, e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private MitigationSettings SettingsFor(string? group) => _config.MitigationFor(group ?? "default");

    private List<Prefix> NeverFor(MitigationSettings settings) => [.. _config.Mitigation.Never, .. settings.Never];
}
