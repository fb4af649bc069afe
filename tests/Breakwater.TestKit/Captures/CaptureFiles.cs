using Breakwater.Ingest;
using Breakwater.TestKit.Sinks;

namespace Breakwater.TestKit.Captures;

/// <summary>The committed reference captures (see Captures/make-captures.py) and helpers to read them.</summary>
public static class CaptureFiles
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Captures");

    public static string PathOf(string name) => Path.Combine(Directory, name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    public static List<DecodedPacket> ReadAll(CaptureFileReader reader)
    {
        var sink = new CollectingSink();
        while (reader.Read(ref sink, 7))
        {
        }

        return sink.Packets;
    }

    public static List<DecodedPacket> ReadAll(byte[] capture, string name = "capture.pcap")
    {
        using var reader = CaptureFileReader.Open(capture, name);
        return ReadAll(reader);
    }
}
