using System.Net.Sockets;
using Breakwater.Wire;
using Breakwater.Wire.Flows;

namespace Breakwater.Simulation.Export;

/// <summary>
/// Turns generated frames into flow datagrams and sends them over UDP, as an exporter would: sFlow samples one in N
/// frames (raw headers, up to 7 samples a datagram); NetFlow v5/v9 and IPFIX aggregate (sampled) packets by 5-tuple and
/// export every flow at the active timeout. Datagram times are wall-clock times, so a collector sees a live exporter.
/// </summary>
public sealed class FlowExportSink : IFrameSink, IDisposable
{
    private const int DatagramBytes = 1400;
    private const int SamplesPerDatagram = 7;
    private const int MaxFlows = 200_000;
    private static readonly NetAddress Agent = NetAddress.Parse("127.0.0.1");

    private readonly ExportOptions _options;
    private readonly LinkType _linkType;
    private readonly Socket _socket;
    private readonly ExportPacer _pacer;
    private readonly Random _random;
    private readonly byte[] _datagram = new byte[DatagramBytes];
    private readonly byte[][] _samples = new byte[SamplesPerDatagram][];
    private readonly int[] _sampleLengths = new int[SamplesPerDatagram];
    private readonly uint[] _frameLengths = new uint[SamplesPerDatagram];
    private readonly Dictionary<FlowKey, FlowExportRecord> _flows = [];
    private readonly TemplateFlowEncoder? _templateEncoder;
    private readonly long _bootMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 3_600_000;
    private int _pendingSamples;
    private long _skip;
    private long _flowWindowStart = -1;
    private long _lastScenarioNanos;
    private uint _sequence;

    internal FlowExportSink(ExportOptions options, LinkType linkType, ulong seed, TimelineCompression? compression)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _linkType = linkType;
        _random = new Random((int)(seed ^ (seed >> 32)));
        _pacer = new ExportPacer(options.RecordsPerSecond, compression);
        _socket = new Socket(options.Destination.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        for (var i = 0; i < SamplesPerDatagram; i++)
        {
            _samples[i] = new byte[SFlowDatagramWriter.DefaultHeaderBytes];
        }

        if (options.Format is ExportFormat.NetFlow9 or ExportFormat.Ipfix)
        {
            _templateEncoder = new TemplateFlowEncoder(options.Format == ExportFormat.Ipfix, domain: 1);
        }

        _skip = NextSkip();
    }

    public FlowExportSink(ExportOptions options, LinkType linkType, ulong seed)
        : this(options, linkType, seed, null)
    {
    }

    public long Packets { get; private set; }

    public long Bytes { get; private set; }

    public long RecordsSent { get; private set; }

    public long DatagramsSent { get; private set; }

    /// <summary>True once <see cref="ExportOptions.MaxDuration"/> has passed: the generator stops feeding frames.</summary>
    public bool Expired => _options.MaxDuration is { } max && _pacer.Elapsed >= max;

    public void Write(long unixNanoseconds, ReadOnlySpan<byte> frame)
    {
        Packets++;
        Bytes += frame.Length;
        _lastScenarioNanos = unixNanoseconds;
        if (--_skip > 0)
        {
            return;
        }

        _skip = NextSkip();
        if (_options.Format == ExportFormat.SFlow)
        {
            AddSample(unixNanoseconds, frame);
        }
        else
        {
            AddToFlow(unixNanoseconds, frame);
        }
    }

    /// <summary>Sends what is still held (partial sFlow datagram, open flows).</summary>
    public void Flush()
    {
        if (_options.Format == ExportFormat.SFlow)
        {
            SendSamples(_lastScenarioNanos);
        }
        else
        {
            ExportFlows(_lastScenarioNanos);
        }
    }

    public void Dispose()
    {
        Flush();
        _socket.Dispose();
    }

    // Sampling as agents do it: a random skip with mean N (not every N-th packet, which aliases with periodic traffic).
    private long NextSkip() => _options.SamplingRate <= 1 ? 1 : 1 + (long)(-Math.Log(1 - _random.NextDouble()) * (_options.SamplingRate - 1));

    private void AddSample(long scenarioNanos, ReadOnlySpan<byte> frame)
    {
        var header = frame[..Math.Min(frame.Length, SFlowDatagramWriter.DefaultHeaderBytes)];
        header.CopyTo(_samples[_pendingSamples]);
        _sampleLengths[_pendingSamples] = header.Length;
        _frameLengths[_pendingSamples] = (uint)frame.Length;
        if (++_pendingSamples == SamplesPerDatagram)
        {
            SendSamples(scenarioNanos);
        }
    }

    private void SendSamples(long scenarioNanos)
    {
        if (_pendingSamples == 0)
        {
            return;
        }

        _pacer.WaitFor(scenarioNanos, RecordsSent);
        var uptime = (uint)(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - _bootMs);
        var writer = new SFlowDatagramWriter(_datagram, Agent, 0, ++_sequence, uptime);
        for (var i = 0; i < _pendingSamples; i++)
        {
            writer.TryAddFlowSample((uint)(RecordsSent + i + 1), 1, _options.SamplingRate, (uint)Packets, 0, 1, 2,
                _samples[i].AsSpan(0, _sampleLengths[i]), _frameLengths[i]);
        }

        Send(writer.Finish(), _pendingSamples);
        _pendingSamples = 0;
    }

    private void AddToFlow(long scenarioNanos, ReadOnlySpan<byte> frame)
    {
        if (_flowWindowStart < 0)
        {
            _flowWindowStart = scenarioNanos;
        }
        else if (scenarioNanos - _flowWindowStart >= _options.ActiveTimeout.Ticks * 100 || _flows.Count >= MaxFlows)
        {
            ExportFlows(scenarioNanos);
            _flowWindowStart = scenarioNanos;
        }

        var record = default(TrafficRecord);
        if (PacketDecoder.Decode(_linkType, frame, ref record, out _) != MalformedReason.None)
        {
            return;
        }

        var key = new FlowKey(record.Source, record.Destination, record.SourcePort, record.DestinationPort, record.Protocol);
        var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        ref var flow = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_flows, key, out var exists);
        if (!exists)
        {
            flow = new FlowExportRecord
            {
                Source = key.Source, Destination = key.Destination, SourcePort = key.SourcePort, DestinationPort = key.DestinationPort,
                Protocol = key.Protocol, FirstMs = nowMs,
            };
        }

        flow.Packets++;
        flow.Bytes += record.Bytes;
        flow.TcpFlags |= record.TcpFlags;
        flow.LastMs = nowMs;
    }

    private void ExportFlows(long scenarioNanos)
    {
        if (_flows.Count == 0)
        {
            return;
        }

        var flows = _flows.Values.ToArray();
        _flows.Clear();
        var offset = 0;
        while (offset < flows.Length)
        {
            var chunk = flows.AsSpan(offset);
            _pacer.WaitFor(scenarioNanos, RecordsSent);
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            int length;
            int used;
            if (_options.Format == ExportFormat.NetFlow5)
            {
                length = NetFlowV5Encoder.Write(_datagram, chunk, now, _bootMs, (uint)RecordsSent, (ushort)Math.Min(_options.SamplingRate, 0x3FFF), out used);
            }
            else
            {
                length = _templateEncoder!.Write(_datagram, chunk, now, _bootMs, ++_sequence, _options.SamplingRate, includeTemplates: _sequence % 20 == 1, out used);
            }

            if (used == 0)
            {
                // NetFlow v5 cannot carry IPv6: skip what it cannot encode.
                offset++;
                continue;
            }

            Send(length, used);
            offset += used;
        }
    }

    private void Send(int length, int records)
    {
        _socket.SendTo(_datagram.AsSpan(0, length), _options.Destination);
        DatagramsSent++;
        RecordsSent += records;
    }
}
