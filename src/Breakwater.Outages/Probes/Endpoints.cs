using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Breakwater.Outages.Probes;

/// <summary>HOST:PORT parsing and resolution shared by the TCP and DNS probes.</summary>
internal static class Endpoints
{
    public static bool TrySplit(string text, int defaultPort, out string host, out int port)
    {
        host = text;
        port = defaultPort;
        if (IPEndPoint.TryParse(text, out var endpoint) && (endpoint.Port != 0 || !text.Contains(':', StringComparison.Ordinal) || text.StartsWith('[') || text.Count(c => c == ':') > 1))
        {
            host = endpoint.Address.ToString();
            port = endpoint.Port == 0 ? defaultPort : endpoint.Port;
            return true;
        }

        var colon = text.LastIndexOf(':');
        if (colon > 0 && int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536)
        {
            host = text[..colon];
            port = p;
            return true;
        }

        return colon < 0 && text.Length > 0;
    }

    public static async Task<IPAddress> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host, out var literal)
            ? literal
            : (await Dns.GetHostAddressesAsync(host, cancellationToken)).OrderBy(a => a.AddressFamily == AddressFamily.InterNetworkV6).First();
}
