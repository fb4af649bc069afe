using Breakwater.Wire;
using Breakwater.Wire.Flows;

namespace Breakwater.Fuzz;

/// <summary>Seed inputs for the flow targets, written with the project's own encoders (valid datagrams AFL++ mutates from).</summary>
internal static class Seeds
{
    public static void Write(string target, string directory)
    {
        Directory.CreateDirectory(directory);
        var records = new FlowExportRecord[]
        {
            new() { Source = NetAddress.FromV4(0xC0000201), Destination = NetAddress.FromV4(0xC6336407), SourcePort = 53, DestinationPort = 4444,
                    Protocol = 17, Packets = 10, Bytes = 4_000, FirstMs = 1_741_615_199_000, LastMs = 1_741_615_200_000 },
            new() { Source = NetAddress.Parse("2001:db8::1"), Destination = NetAddress.Parse("2001:db8::7"), SourcePort = 1234, DestinationPort = 80,
                    Protocol = 6, TcpFlags = TcpFlags.Syn, Packets = 3, Bytes = 180, FirstMs = 1_741_615_199_500, LastMs = 1_741_615_200_000 },
        };
        var buffer = new byte[1500];
        const long Export = 1_741_615_200_000;
        switch (target)
        {
            case "netflow5":
                Save(directory, "v5", buffer.AsSpan(0, NetFlowV5Encoder.Write(buffer, records.AsSpan(0, 1), Export, Export - 60_000, 1, 0, out _)));
                break;
            case "netflow9":
            case "ipfix":
                var encoder = new TemplateFlowEncoder(target == "ipfix", 7);
                Save(directory, "templates-and-data", buffer.AsSpan(0, encoder.Write(buffer, records, Export, Export - 60_000, 1, 100, includeTemplates: true, out _)));
                break;
            case "sflow":
                var writer = new SFlowDatagramWriter(buffer, NetAddress.FromV4(0x7F000001), 0, 1, 60_000);
                var frame = new byte[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0x08, 0x00, 0x45, 0, 0, 28, 0, 0, 0, 0, 64, 17, 0, 0, 192, 0, 2, 1, 198, 51, 100, 7, 0, 53, 17, 92, 0, 8, 0, 0 };
                writer.TryAddFlowSample(1, 1, 1024, 1024, 0, 1, 2, frame, (uint)frame.Length);
                Save(directory, "one-sample", buffer.AsSpan(0, writer.Finish()));
                break;
            default:
                throw new ArgumentException($"no generated seeds for '{target}' (bench/fuzz.sh takes them from the test captures).", nameof(target));
        }
    }

    private static void Save(string directory, string name, ReadOnlySpan<byte> bytes) => File.WriteAllBytes(Path.Combine(directory, name), bytes.ToArray());
}
