using Breakwater.Configuration;
using Breakwater.Ingest;
using Breakwater.Ingest.Flows;
using Breakwater.Wire;
using Breakwater.Wire.Flows;

namespace Breakwater.Fuzz;

/// <summary>
/// One fuzz target per decoder: bytes in, a decode, and a check of what came out. An exception that is not the decoder's
/// documented answer to bad input (a capture or config error) is a finding; so is a result that does not hold together.
/// </summary>
internal static class FuzzTargets
{
    public static readonly string[] Names = ["pcap", "packet", "sflow", "netflow5", "netflow9", "ipfix", "config"];

    private static readonly LinkType[] Links =
        [LinkType.Ethernet, LinkType.Raw, LinkType.IPv4, LinkType.IPv6, LinkType.LinuxSll, LinkType.LinuxSll2, LinkType.Null, LinkType.Loop];

    public static void Run(string target, ReadOnlySpan<byte> input)
    {
        switch (target)
        {
            case "pcap":
                Pcap(input.ToArray());
                break;
            case "packet":
                Packet(input);
                break;
            case "sflow":
                var sflow = new CountingSink();
                Check(SFlowV5Decoder.Decode(input, 1_000_000_000, ref sflow, out _), sflow);
                break;
            case "netflow5":
                var v5 = new CountingSink();
                Check(NetFlowV5Decoder.Decode(input, ref v5), v5);
                break;
            case "netflow9":
            case "ipfix":
                // Twice through one cache: templates learned from the first pass decode the data of the second.
                var cache = new FlowTemplateCache();
                for (var pass = 0; pass < 2; pass++)
                {
                    var sink = new CountingSink();
                    var exporter = NetAddress.FromV4(0x7F000001);
                    Check(target == "ipfix"
                        ? IpfixDecoder.Decode(input, exporter, 1_000_000_000, cache, ref sink)
                        : NetFlowV9Decoder.Decode(input, exporter, 1_000_000_000, cache, ref sink), sink);
                }

                break;
            case "config":
                try
                {
                    ConfigLoader.Parse(System.Text.Encoding.UTF8.GetString(input), "fuzz.yaml");
                }
                catch (ConfigException e) when (e.Message.StartsWith("fuzz.yaml", StringComparison.Ordinal))
                {
                    // The documented answer to a bad file: one sentence naming the file (and line).
                }

                break;
            default:
                throw new ArgumentException($"unknown target '{target}'; targets are {string.Join(", ", Names)}.", nameof(target));
        }
    }

    // The reader opens files (gzip detection seeks); one scratch file per process keeps each run cheap.
    private static readonly string Scratch = Path.Combine(Path.GetTempPath(), $"breakwater-fuzz-{Environment.ProcessId}.pcap");

    private static void Pcap(byte[] input)
    {
        File.WriteAllBytes(Scratch, input);
        try
        {
            using var reader = CaptureFileReader.Open(Scratch);
            var sink = new CountingSink();
            while (reader.Read(ref sink, 4096))
            {
            }

            Invariant(reader.Stats.Packets >= sink.Records, "the reader counted fewer packets than it delivered");
        }
        catch (CaptureFormatException)
        {
            // The documented answer to a file that is not a capture.
        }
    }

    private static void Packet(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        var frame = input[1..];
        var record = default(TrafficRecord);
        var reason = PacketDecoder.Decode(Links[input[0] % Links.Length], frame, ref record, out var payload);
        if (reason == MalformedReason.None)
        {
            Invariant(record.Packets == 1 && record.SamplingRate == 1, "a decoded packet is one unsampled packet");
            Invariant(payload.IsEmpty || (frame.Overlaps(payload, out var offset) && offset + payload.Length <= frame.Length), "payload inside the frame");
        }
    }

    private static void Check(FlowDecodeResult result, in CountingSink sink)
    {
        Invariant(result.Records >= 0, "a negative record count");
        Invariant(sink.Records <= 1_000_000, "more records than a datagram can hold");
    }

    private static void Invariant(bool holds, string what)
    {
        if (!holds)
        {
            throw new InvalidOperationException($"invariant broken: {what}");
        }
    }
}
