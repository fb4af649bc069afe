using System.Buffers.Binary;
using Breakwater.Wire;
using Breakwater.Ingest.Flows;
using Breakwater.Wire.Flows;

namespace Breakwater.Ingest.Collectors;

/// <summary>
/// The decoder thread's side of the collectors: picks the decoder by protocol and version, keeps the NetFlow v9 /
/// IPFIX template state, counts records and drops per collector, and stamps records with their arrival time.
/// </summary>
/// <remarks>
/// Live detection buckets by arrival time: exporters report a flow only when it ends or hits its active timeout, so
/// flow end times arrive late and out of order, while arrival time is monotonic and is when the traffic became known.
/// </remarks>
public sealed class FlowDecoderHub
{
    public FlowTemplateCache Templates { get; } = new();

    /// <summary>Interface rates from sFlow counter samples.</summary>
    public InterfaceRateTable Interfaces { get; } = new();

    public void Process<TSink>(in ReceivedDatagram datagram, ref TSink sink)
        where TSink : struct, ITrafficSink
    {
        var stamped = new ArrivalTimeSink<TSink>(sink, datagram.ReceivedNanos);
        var span = datagram.Span;
        FlowDecodeResult result;
        if (datagram.Protocol == FlowProtocol.Packet)
        {
            var record = default(TrafficRecord);
            record.TimestampNanos = datagram.ReceivedNanos;
            record.FrameLength = datagram.FrameLength;
            var reason = PacketDecoder.Decode(datagram.LinkType, span, ref record, out var payload);
            if (reason == MalformedReason.None)
            {
                sink.OnRecord(ref record, payload);
                datagram.Counters.CountRecords(1);
            }
            else
            {
                datagram.Counters.CountDrop(reason == MalformedReason.NotIp ? CollectorDrop.NotIp : CollectorDrop.Malformed);
            }

            return;
        }

        if (datagram.Protocol == FlowProtocol.SFlow)
        {
            var interfaces = new InterfaceRateSink(Interfaces);
            result = SFlowV5Decoder.Decode(span, datagram.ReceivedNanos, ref stamped, ref interfaces, out _);
        }
        else
        {
            // Fewer than two bytes hold no version at all: too short, not an unknown version.
            var version = span.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(span) : -1;
            result = version switch
            {
                -1 => FlowDecodeResult.Dropped(FlowDropReason.DatagramTooShort),
                5 => NetFlowV5Decoder.Decode(span, ref stamped),
                9 => NetFlowV9Decoder.Decode(span, datagram.Exporter, datagram.ReceivedNanos, Templates, ref stamped),
                10 => IpfixDecoder.Decode(span, datagram.Exporter, datagram.ReceivedNanos, Templates, ref stamped),
                _ => FlowDecodeResult.Dropped(FlowDropReason.UnsupportedVersion),
            };
        }

        sink = stamped.Inner;
        datagram.Counters.CountRecords(result.Records);
        if (!result.IsComplete)
        {
            datagram.Counters.CountDrop(result.Drop);
        }
    }


    private struct ArrivalTimeSink<TSink>(TSink inner, long arrivalNanos) : ITrafficSink
        where TSink : struct, ITrafficSink
    {
        public TSink Inner = inner;

        public void OnRecord(ref TrafficRecord record, ReadOnlySpan<byte> payload)
        {
            record.TimestampNanos = arrivalNanos;
            Inner.OnRecord(ref record, payload);
        }

        public void OnMalformed(MalformedReason reason, long timestampNanos, uint frameLength) =>
            Inner.OnMalformed(reason, arrivalNanos, frameLength);
    }
}
