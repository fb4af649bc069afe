using System.Net;
using System.Net.Sockets;

namespace Breakwater.IntegrationTests.L7;

/// <summary>
/// A bounded load generator: HTTP/1.1 keep-alive requests from chosen loopback source addresses (any 127.0.0.0/8
/// address works on Linux), so that nginx logs them as distinct clients. Runs for a fixed time, never unbounded.
/// </summary>
internal static class HttpLoad
{
    /// <summary>Sends as fast as <paramref name="workers"/> loops can from <paramref name="clients"/> for <paramref name="duration"/>; returns the requests sent.</summary>
    public static async Task<int> FloodAsync(Uri url, IReadOnlyList<IPAddress> clients, TimeSpan duration, int workers,
        Func<int, string> path, Action<HttpRequestMessage, int>? decorate, CancellationToken ct)
    {
        var handlers = clients.Select(Client).ToList();
        var until = DateTime.UtcNow + duration;
        var sent = 0;
        var loops = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var n = w;
            while (DateTime.UtcNow < until)
            {
                var i = Interlocked.Increment(ref sent);
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, path(i)));
                decorate?.Invoke(request, i);
                using var response = await handlers[n % handlers.Count].SendAsync(request, ct);
                n += workers;
            }
        }, ct)).ToList();
        await Task.WhenAll(loops);
        foreach (var h in handlers)
        {
            h.Dispose();
        }

        return sent;
    }

    /// <summary>Browsing: each client fetches a page then waits, so the service sees a few requests a second.</summary>
    public static async Task BrowseAsync(Uri url, IReadOnlyList<IPAddress> clients, TimeSpan duration, CancellationToken ct)
    {
        var until = DateTime.UtcNow + duration;
        var loops = clients.Select((address, c) => Task.Run(async () =>
        {
            using var client = Client(address);
            var page = c;
            while (DateTime.UtcNow < until)
            {
                using var response = await client.GetAsync(new Uri(url, $"/page/{page++ % 30}"), ct);
                await Task.Delay(700, ct);
            }
        }, ct)).ToList();
        await Task.WhenAll(loops);
    }

    /// <summary>One GET from <paramref name="source"/>; returns the status code.</summary>
    public static async Task<int> StatusFromAsync(Uri url, IPAddress source, CancellationToken ct)
    {
        using var client = Client(source);
        using var response = await client.GetAsync(url, ct);
        return (int)response.StatusCode;
    }

    public static IPAddress Loopback(int third, int fourth) => new([127, 0, (byte)third, (byte)fourth]);

    private static HttpClient Client(IPAddress source) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { Timeout = TimeSpan.FromSeconds(10) };
}
