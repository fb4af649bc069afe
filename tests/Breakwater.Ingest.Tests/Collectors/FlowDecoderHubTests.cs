using Breakwater.Ingest.Collectors;
using Breakwater.TestKit.Sinks;
using Breakwater.Wire;

namespace Breakwater.Ingest.Tests.Collectors;

public sealed class FlowDecoderHubTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Process_NetFlowDatagramWithoutAVersion_CountsTooShortNotUnsupportedVersion(int length)
    {
        var hub = new FlowDecoderHub();
        var counters = new CollectorCounters("netflow");
        var sink = new CountingSink();

        hub.Process(new ReceivedDatagram(new byte[length], length, NetAddress.Parse("192.0.2.1"), 0, FlowProtocol.NetFlow, counters), ref sink);

        Assert.Equal(1, counters.Drops["datagram_too_short"]);
        Assert.False(counters.Drops.ContainsKey("unsupported_version"));
    }
}
