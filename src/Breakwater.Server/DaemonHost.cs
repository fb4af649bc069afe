using System.Threading.Channels;
using Breakwater.Configuration;
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
    private readonly FlowDecoderHub _hub = new();
    private readonly TimeProvider _time;
    private readonly DaemonStorage? _storage;
    private Task<bool>? _pendingWait;

    /// <summary>Binds the collectors; <paramref name="storage"/> (opened by <see cref="DaemonStorage.OpenAsync"/>) or null to keep nothing.</summary>
    public DaemonHost(BreakwaterConfig config, EventStreamWriter events, TimeProvider? time = null, DaemonStorage? storage = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        Events = events;
        _time = time ?? TimeProvider.System;
        _storage = storage;
        Engine = new DetectionEngine(config.Detection, storage is null ? events : storage.Attach(config.Detection, events));
        Engine.SecondObserver = storage?.Writer;
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
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public DetectionEngine Engine { get; }

    public EventStreamWriter Events { get; }

    /// <summary>The bound listeners (their real ports when 0 was configured).</summary>
    public IReadOnlyList<UdpCollector> Collectors => _collectors;

    /// <summary>The live capture, when <c>collectors.pcap.interface</c> is set.</summary>
    public LiveCapture? Capture => _capture;

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
        Events.WriteInterrupted(Engine.Incidents);
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

    private void DecodeAndDetect(CancellationToken cancellationToken)
    {
        var sink = new DetectionSink(Engine);
        var reader = _queue.Reader;
        var lastTick = _time.GetUtcNow();
        var lastStats = lastTick;
        while (true)
        {
            while (reader.TryRead(out var datagram))
            {
                _hub.Process(datagram, ref sink);
                _pool.Return(datagram.Buffer);
            }

            var now = _time.GetUtcNow();
            if (now - lastTick >= TimeSpan.FromMilliseconds(250))
            {
                // Closes seconds that saw no traffic, so incidents end on time when an attack stops dead.
                Engine.AdvanceTo(now.ToUnixTimeMilliseconds() * 1_000_000);
                _hub.Templates.ExpirePending(now.ToUnixTimeMilliseconds() * 1_000_000);
                _storage?.Tick();
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
        foreach (var counters in _collectors.Select(c => c.Counters).Append(_capture?.Counters).OfType<CollectorCounters>().Distinct())
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
    }
}
