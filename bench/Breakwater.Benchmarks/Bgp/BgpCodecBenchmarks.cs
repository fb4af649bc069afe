using System.Buffers;
using BenchmarkDotNet.Attributes;
using Breakwater.Wire;
using Breakwater.Wire.Bgp;

namespace Breakwater.Benchmarks.Bgp;

/// <summary>
/// ns per message for BGP encode and decode: a blackhole UPDATE (one /32, two communities), a FlowSpec UPDATE (one
/// SYN-flood rule, discard), and one FlowSpec NLRI on its own. Decode = RFC 7606 validation plus a walk of every
/// component and operand, and must allocate nothing.
/// </summary>
[MemoryDiagnoser]
public class BgpCodecBenchmarks
{
    private readonly ArrayBufferWriter<byte> _writer = new(8192);
    private readonly byte[] _nlriBuffer = new byte[256];
    private BgpUpdate _blackhole = null!;
    private BgpUpdate _flowSpec = null!;
    private FlowSpecRule _rule = null!;
    private byte[] _blackholeBody = [];
    private byte[] _flowSpecBody = [];
    private byte[] _nlri = [];

    [GlobalSetup]
    public void Setup()
    {
        _rule = new FlowSpecRule(false,
        [
            FlowSpecComponent.Destination(BgpPrefix.Parse("198.51.100.7/32")),
            FlowSpecComponent.Of(FlowSpecComponentType.IpProtocol, FlowSpecOperand.Equal(6)),
            FlowSpecComponent.Of(FlowSpecComponentType.DestinationPort, FlowSpecOperand.Equal(80), FlowSpecOperand.Equal(443)),
            FlowSpecComponent.Of(FlowSpecComponentType.TcpFlags, FlowSpecOperand.Bitmask(0x02, match: true), FlowSpecOperand.Bitmask(0x10, not: true, and: true)),
            FlowSpecComponent.Of(FlowSpecComponentType.PacketLength, FlowSpecOperand.Numeric(FlowSpecOperand.Less | FlowSpecOperand.EqualBit, 100)),
        ]);
        _blackhole = new BgpUpdate
        {
            AsPath = [65000],
            NextHop = NetAddress.Parse("192.0.2.254"),
            Communities = [0xFFFF029A, (65000u << 16) | 666],
            Nlri = [BgpPrefix.Parse("198.51.100.7/32")],
        };
        _flowSpec = new BgpUpdate
        {
            AsPath = [65000],
            ExtendedCommunities = [FlowSpecAction.Discard],
            MpReach = BgpMpReach.FlowSpec(BgpFamily.Ipv4FlowSpec, [_rule]),
        };
        _blackholeBody = Body(_blackhole);
        _flowSpecBody = Body(_flowSpec);
        _nlri = _rule.ToBytes();
    }

    [Benchmark]
    public int EncodeBlackholeUpdate()
    {
        _writer.ResetWrittenCount();
        return _blackhole.Write(_writer, fourOctetAs: true);
    }

    [Benchmark]
    public int EncodeFlowSpecUpdate()
    {
        _writer.ResetWrittenCount();
        return _flowSpec.Write(_writer, fourOctetAs: true);
    }

    [Benchmark]
    public int EncodeFlowSpecNlri() => _rule.Write(_nlriBuffer);

    [Benchmark]
    public int DecodeBlackholeUpdate() => (int)BgpUpdateValidator.Validate(_blackholeBody, fourOctetAs: true).Action;

    [Benchmark]
    public int DecodeFlowSpecUpdate() => BgpUpdateValidator.Validate(_flowSpecBody, fourOctetAs: true).IsAccept ? WalkUpdate(_flowSpecBody) : -1;

    [Benchmark]
    public int DecodeFlowSpecNlri()
    {
        var reader = new FlowSpecNlriReader(_nlri, ipv6: false);
        return reader.TryReadNlri(out var components) ? WalkComponents(components) : -1;
    }

    private static int WalkUpdate(ReadOnlySpan<byte> body)
    {
        BgpUpdateReader.TryLocate(body, out var update, out _);
        var total = 0;
        var attributes = new BgpAttributeReader(update.Attributes);
        while (attributes.TryRead(out var attribute))
        {
            if (attribute.Type == (byte)BgpAttributeType.MpReachNlri)
            {
                var nlri = new FlowSpecNlriReader(attribute.Value[(5 + attribute.Value[3])..], ipv6: false);
                while (nlri.TryReadNlri(out var components))
                {
                    total += WalkComponents(components);
                }
            }
        }

        return total;
    }

    private static int WalkComponents(ReadOnlySpan<byte> components)
    {
        var sum = 0;
        var reader = new FlowSpecComponentReader(components, ipv6: false);
        while (reader.TryRead(out var component))
        {
            var operands = new FlowSpecOperandReader(component.Operands);
            while (operands.TryRead(out var operand))
            {
                sum += (int)operand.Value;
            }

            sum += component.PrefixLength;
        }

        return sum;
    }

    private static byte[] Body(BgpUpdate update)
    {
        var writer = new ArrayBufferWriter<byte>();
        update.Write(writer, fourOctetAs: true);
        return writer.WrittenSpan[BgpFraming.HeaderLength..].ToArray();
    }
}
