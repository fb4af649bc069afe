using System.IO.Hashing;
using Breakwater.Wire.Http;

namespace Breakwater.Detection.L7;

/// <summary>
/// Per-request analysis of one service while it is pending or under an HTTP flood: unique clients, heavy hitters
/// (clients, paths, path classes, user agents, header orders), method and status mix, latency, proxy markers,
/// cache-busting and the requests-per-client distribution. Fixed memory; pooled by <see cref="HttpFloodDetector"/>.
/// </summary>
internal sealed class HttpFloodTracker
{
    public const int ClientSample = 4096;

    private static ReadOnlySpan<byte> MethodNames => "GET POST HEAD PUT DELETE OPTIONS PATCH"u8;

    public HyperLogLog Clients { get; } = new(14);

    public HyperLogLog Targets { get; } = new(12);

    public HyperLogLog Paths { get; } = new(12);

    public AddressTopK TopClients { get; } = new(64);

    public BytesTopK TopPaths { get; } = new(32);

    public BytesTopK TopPathClasses { get; } = new(16);

    public BytesTopK TopUserAgents { get; } = new(32);

    public BytesTopK HeaderOrders { get; } = new(16);

    public ClientSampler PerClient { get; } = new(ClientSample);

    /// <summary>GET, POST, HEAD, PUT, DELETE, OPTIONS, PATCH, other.</summary>
    public long[] Methods { get; } = new long[8];

    /// <summary>Status classes 1xx…5xx at 1…5; index 0 counts unknown (packets).</summary>
    public long[] StatusClasses { get; } = new long[6];

    public long Status429 { get; private set; }

    public long Requests { get; private set; }

    public long Bytes { get; private set; }

    public long LatencyCount { get; private set; }

    public long LatencyMicros { get; private set; }

    public long WithQuery { get; private set; }

    public long ProxyAny { get; private set; }

    public long ForwardedFor { get; private set; }

    public long ForwardedChains { get; private set; }

    public long Via { get; private set; }

    public long Forwarded { get; private set; }

    /// <summary>Requests whose header order was seen (packets).</summary>
    public long WithHeaderOrder { get; private set; }

    public long MiraiHeaderOrder { get; private set; }

    public long MiraiUserAgent { get; private set; }

    public void Add(ref AccessLogEntry e, ulong clientHash, long seed)
    {
        Requests++;
        Bytes += e.Bytes;
        Clients.Add(clientHash);
        TopClients.Add(e.Client, 1);
        PerClient.Add(clientHash, e.Client);
        Methods[MethodIndex(e.Method)]++;
        if (e.Status is >= 100 and < 600)
        {
            StatusClasses[e.Status / 100]++;
            if (e.Status == 429)
            {
                Status429++;
            }
        }
        else
        {
            StatusClasses[0]++;
        }

        if (e.RequestMicros >= 0)
        {
            LatencyCount++;
            LatencyMicros += e.RequestMicros;
        }

        var path = e.Path;
        var pathHash = XxHash3.HashToUInt64(path, seed);
        Paths.Add(pathHash);
        TopPaths.Add(path, pathHash);
        if ((e.Flags & AccessLogFlags.HasQuery) != 0)
        {
            WithQuery++;
            Targets.Add(XxHash3.HashToUInt64(e.Target, seed));
        }
        else
        {
            Targets.Add(pathHash);
        }

        Span<byte> pathClass = stackalloc byte[80];
        var classLength = PathClass.Of(path, pathClass);
        TopPathClasses.Add(pathClass[..classLength], XxHash3.HashToUInt64(pathClass[..classLength], seed));
        if (!e.UserAgent.IsEmpty)
        {
            TopUserAgents.Add(e.UserAgent, XxHash3.HashToUInt64(e.UserAgent, seed));
            if (MiraiHttp.IsMiraiUserAgent(e.UserAgent))
            {
                MiraiUserAgent++;
            }
        }

        const AccessLogFlags proxy = AccessLogFlags.ForwardedFor | AccessLogFlags.Via | AccessLogFlags.Forwarded;
        if ((e.Flags & proxy) != 0)
        {
            ProxyAny++;
            ForwardedFor += (e.Flags & AccessLogFlags.ForwardedFor) != 0 ? 1 : 0;
            ForwardedChains += (e.Flags & AccessLogFlags.ForwardedChain) != 0 ? 1 : 0;
            Via += (e.Flags & AccessLogFlags.Via) != 0 ? 1 : 0;
            Forwarded += (e.Flags & AccessLogFlags.Forwarded) != 0 ? 1 : 0;
        }

        if (e.HeaderOrderHash != 0)
        {
            WithHeaderOrder++;
            Span<byte> names = stackalloc byte[BytesTopK.MaxValueLength];
            var n = HttpRequestParser.WriteHeaderNames(e.Headers, names);
            HeaderOrders.Add(names[..n], e.HeaderOrderHash);
            if (e.HeaderOrderHash == MiraiOrderHash || e.HeaderOrderHash == MiraiPostOrderHash)
            {
                MiraiHeaderOrder++;
            }
        }
    }

    public void Reset()
    {
        Clients.Clear();
        Targets.Clear();
        Paths.Clear();
        TopClients.Clear();
        TopPaths.Clear();
        TopPathClasses.Clear();
        TopUserAgents.Clear();
        HeaderOrders.Clear();
        PerClient.Clear();
        Array.Clear(Methods);
        Array.Clear(StatusClasses);
        Status429 = Requests = Bytes = LatencyCount = LatencyMicros = WithQuery = 0;
        ProxyAny = ForwardedFor = ForwardedChains = Via = Forwarded = 0;
        WithHeaderOrder = MiraiHeaderOrder = MiraiUserAgent = 0;
    }

    public static string MethodName(int index)
    {
        if (index == 7)
        {
            return "other";
        }

        var names = MethodNames;
        for (var i = 0; i < index; i++)
        {
            names = names[(names.IndexOf((byte)' ') + 1)..];
        }

        var end = names.IndexOf((byte)' ');
        return System.Text.Encoding.ASCII.GetString(end < 0 ? names : names[..end]);
    }

    internal static readonly ulong MiraiOrderHash = HttpRequestParser.HeaderOrderHash(System.Text.Encoding.ASCII.GetBytes(MiraiHttp.HeaderOrder));
    internal static readonly ulong MiraiPostOrderHash = HttpRequestParser.HeaderOrderHash(System.Text.Encoding.ASCII.GetBytes(MiraiHttp.PostHeaderOrder));

    private static int MethodIndex(ReadOnlySpan<byte> m) => m.Length switch
    {
        3 when m.SequenceEqual("GET"u8) => 0,
        4 when m.SequenceEqual("POST"u8) => 1,
        4 when m.SequenceEqual("HEAD"u8) => 2,
        3 when m.SequenceEqual("PUT"u8) => 3,
        6 when m.SequenceEqual("DELETE"u8) => 4,
        7 when m.SequenceEqual("OPTIONS"u8) => 5,
        5 when m.SequenceEqual("PATCH"u8) => 6,
        _ => 7,
    };
}
