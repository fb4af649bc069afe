using System.Threading.Channels;
using Breakwater.Configuration;
using Breakwater.Core;
using Breakwater.Detection;
using Breakwater.Ingest.Collectors;

namespace Breakwater.Server;

/// <summary>
/// <c>breakwater run</c>: UDP collectors → one decode-and-detect thread → incident events. Receiving and decoding are
/// split by a bounded queue so that a burst never blocks the sockets and never grows memory: what does not fit is
/// counted as a drop. Detection is single-threaded and fed in arrival order; a one-second tick closes idle seconds.
/// </summary>
public sealed class DaemonHost : IDisposable
{
    public const int QueueCapacity = 16_384;
    public const int PoolBuffers = 8_192;
    private static readonly TimeSpan StatsInterval = TimeSpan.FromSeconds(10);

    private readonly Channel<ReceivedDatagram> _queue =
        Channel.CreateBounded<ReceivedDatagram>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly DatagramPool _pool = new(PoolBuffers);
    private readonly List<UdpCollector> _collectors = [];
    private readonly LiveCapture? _capture;
    private readonly AccessLogCollector? _accessLogs;
    private readonly FlowDecoderHub _hub = new();
    private readonly TimeProvider _time;
    private readonly System.Collections.Concurrent.ConcurrentQueue<Action<DetectionEngine>> _posted = new();
    private readonly DaemonStorage? _storage;
    private Task<bool>? _pendingWait;

    /// <summary>
    /// Binds the collectors. <paramref name="storage"/> (opened by <see cref="DaemonStorage.OpenAsync"/>) or null to keep
    /// nothing; <paramref name="observer"/> is also told of every incident (live feed, metrics), after the event stream;
    /// <paramref name="seconds"/> also gets every target's closed seconds (live traffic), besides the store;
    /// <paramref name="forensics"/> enriches every incident before any of them sees it.
    /// </summary>
    public DaemonHost(BreakwaterConfig config, EventStreamWriter events, TimeProvider? time = null, DaemonStorage? storage = null,
        IIncidentObserver? observer = null, ITargetSecondObserver? seconds = null, Forensics.DaemonForensics? forensics = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        Events = events;
        _time = time ?? TimeProvider.System;
        _storage = storage;
        IIncidentObserver[] observers = observer is null ? [events] : [events, observer];
        IIncidentObserver incidents = storage is null ? new IncidentFanout(observers) : storage.Attach(config.Detection, observers);
        if (forensics is not null)
        {
            incidents = forensics.Wrap(incidents);
        }

        Engine = new DetectionEngine(config.Detection, incidents, DaemonBaseline.Load(config.Detection.Baseline));
        Engine.SecondObserver = (storage?.Writer, seconds) switch
        {
            ({ } writer, { } other) => new TargetSecondFanout(writer, other),
            ({ } writer, null) => writer,
            _ => seconds,
        };
        try
        {
            var sflow = new CollectorCounters("sflow");
            foreach (var endpoint in config.Collectors.SFlowListen)
            {
                _collectors.Add(new UdpCollector(FlowProtocol.SFlow, endpoint, _queue.Writer, _pool, sflow, _time));
            }

            var netflow = new CollectorCounters("netflow");
            foreach (var endpoint in config.Collectors.NetFlowListen)
            {
                _collectors.Add(new UdpCollector(FlowProtocol.NetFlow, endpoint, _queue.Writer, _pool, netflow, _time));
            }

            if (config.Collectors.PcapInterface is { } name)
            {
                _capture = new LiveCapture(name, _queue.Writer, _pool, new CollectorCounters("pcap"));
            }

            if (config.Collectors.AccessLog is { } accessLog)
            {
                _accessLogs = new AccessLogCollector(accessLog, config.Detection, incidents);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The detection engine (replaced when a reload changes the protected networks or their groups).</summary>
    public DetectionEngine Engine { get; private set; }

    public EventStreamWriter Events { get; }

    /// <summary>Saves the learned baselines (<c>detection.baseline.path</c>) every hour and at shutdown.</summary>
    internal DaemonBaseline Baselines { get; } = new();

    /// <summary>The bound listeners (their real ports when 0 was configured).</summary>
    public IReadOnlyList<UdpCollector> Collectors => _collectors;

    /// <summary>The live capture, when <c>collectors.pcap.interface</c> is set.</summary>
    public LiveCapture? Capture => _capture;

    /// <summary>The followed web access logs, when <c>collectors.access_log</c> is set.</summary>
    public AccessLogCollector? AccessLogs => _accessLogs;

    /// <summary>Datagrams waiting for the decode-and-detect thread.</summary>
    public int QueueDepth => _queue.Reader.Count;

    /// <summary>Decode time and exporter sampling rates, measured on the decode-and-detect thread.</summary>
    public DecodeStatistics Statistics { get; } = new();

    /// <summary>Every counter set (one per collector kind), for metrics and stats events.</summary>
    public IEnumerable<CollectorCounters> AllCounters =>
        _collectors.Select(c => c.Counters).Append(_capture?.Counters).Append(_accessLogs?.Counters).OfType<CollectorCounters>().Distinct();

    /// <summary>
    /// Runs <paramref name="action"/> on the decode-and-detect thread before its next batch (the engine is single-threaded):
    /// reads of engine state and configuration changes go through here.
    /// </summary>
    public void Post(Action<DetectionEngine> action) => _posted.Enqueue(action);

    /// <summary>Runs until cancelled; throws the event stream's <see cref="EventStreamWriter.Failure"/> when a write failed.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, Events.Failed);
        _storage?.Writer.Start();
        var receivers = _collectors.Select(c => Task.Run(() => c.RunAsync(stop.Token), CancellationToken.None)).ToList();
        var detector = Task.Factory.StartNew(() => DecodeAndDetect(stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        _capture?.Start();
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }

        await stop.CancelAsync();
        _capture?.Stop();
        await Task.WhenAll(receivers);
        _queue.Writer.TryComplete();
        await detector;
        Baselines.Save(Engine, finishHour: true);
        Events.WriteInterrupted(_accessLogs is null ? Engine.Incidents : [.. Engine.Incidents, .. _accessLogs.OpenIncidents]);
        WriteStats();
        if (_storage is not null)
        {
            await _storage.Writer.StopAsync();
        }

        if (Events.Failure is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>
    /// Applies new detection settings on the decode-and-detect thread: in place when only thresholds and lifecycle settings
    /// changed; otherwise a new engine takes over, after the old one has closed its open incidents at their last attack second.
    /// <paramref name="done"/> is told whether counters and incidents were kept.
    /// </summary>
    public void Reconfigure(DetectionSettings settings, Action<bool> done)
    {
        ArgumentNullException.ThrowIfNull(done);
        Post(engine =>
        {
            if (engine.TryReconfigure(settings))
            {
                done(true);
                return;
            }

            var now = _time.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000;
            engine.AdvanceTo(now + (engine.Settings.QuietSeconds + engine.Settings.TriggerSeconds + 2) * 1_000_000_000L);
            Engine = new DetectionEngine(settings, engine.Observer, DaemonBaseline.Carry(engine.Baseline, settings.Baseline)) { SecondObserver = engine.SecondObserver };
            done(false);
        });
    }

    private void DecodeAndDetect(CancellationToken cancellationToken)
    {
        var sink = new DetectionSink(Engine);
        var sinkEngine = Engine;
        var reader = _queue.Reader;
        var lastTick = _time.GetUtcNow();
        var lastStats = lastTick;
        while (true)
        {
            while (reader.TryRead(out var datagram))
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var sampled = new SamplingRateSink<DetectionSink>(sink);
                _hub.Process(datagram, ref sampled);
                Statistics.Add(datagram, System.Diagnostics.Stopwatch.GetTimestamp() - started, sampled.MaxSamplingRate);
                _pool.Return(datagram.Buffer);
            }

            while (_posted.TryDequeue(out var action))
            {
                action(Engine);
            }

            if (!ReferenceEquals(sinkEngine, Engine))
            {
                sinkEngine = Engine;
                sink = new DetectionSink(Engine);
            }

            var now = _time.GetUtcNow();
            if (now - lastTick >= TimeSpan.FromMilliseconds(250))
            {
                // Closes seconds that saw no traffic, so incidents end on time when an attack stops dead.
                Engine.AdvanceTo(now.ToUnixTimeMilliseconds() * 1_000_000);
                _hub.Templates.ExpirePending(now.ToUnixTimeMilliseconds() * 1_000_000);
                _storage?.Tick();
                _accessLogs?.Poll(now.ToUnixTimeMilliseconds() * 1_000_000);
                Baselines.Tick(Engine, now);
                lastTick = now;
            }

            if (now - lastStats >= StatsInterval)
            {
                WriteStats();
                lastStats = now;
            }

            if (cancellationToken.IsCancellationRequested && !reader.TryPeek(out _))
            {
                return;
            }

            WaitForData(reader, cancellationToken);
        }
    }

    private void WaitForData(ChannelReader<ReceivedDatagram> reader, CancellationToken cancellationToken)
    {
        if (reader.TryPeek(out _) || cancellationToken.IsCancellationRequested)
        {
            return;
        }

        // Idle: wake on the next datagram or after a short tick, whichever comes first. One wait is kept until it
        // completes, so that an idle day does not pile up waiters in the channel.
        if (_pendingWait is null || _pendingWait.IsCompleted)
        {
            _pendingWait = reader.WaitToReadAsync(CancellationToken.None).AsTask();
        }

#pragma warning disable VSTHRD002 // A dedicated detection thread blocks by design; nothing else runs on it.
        _pendingWait.Wait(TimeSpan.FromMilliseconds(100), CancellationToken.None);
#pragma warning restore VSTHRD002
    }

    private void WriteStats()
    {
        foreach (var counters in AllCounters)
        {
            Events.WriteCollectorStats(counters, counters.Name == "sflow" ? _hub.Interfaces.Snapshot() : null);
        }
    }

    public void Dispose()
    {
        foreach (var collector in _collectors)
        {
            collector.Dispose();
        }

        _capture?.Dispose();
        _accessLogs?.Dispose();
    }
}
