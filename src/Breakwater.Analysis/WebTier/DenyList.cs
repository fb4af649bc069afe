using System.Globalization;
using Breakwater.Core;

namespace Breakwater.Analysis.WebTier;

/// <summary>
/// Clients to deny at the web tier, from the <c>http_flood</c> incidents of an analysis: the top clients of each
/// incident, minus the allow-list, aggregated into CIDR blocks (addresses that fill a whole /24 or /64 become one
/// entry), and the per-client rate limit the analysis suggests.
/// </summary>
public sealed class DenyList
{
    public required IReadOnlyList<Prefix> Entries { get; init; }

    /// <summary>Requests per minute per client for <c>limit_req</c>-style limits (the smallest suggestion of the incidents).</summary>
    public int RequestsPerMinute { get; init; }

    public int Burst { get; init; }

    /// <summary>Prefixes never denied (written as <c>allow</c> where the format has it).</summary>
    public IReadOnlyList<Prefix> Allow { get; init; } = [];

    /// <summary>Services (virtual hosts) the list was built for.</summary>
    public required IReadOnlyList<string> Services { get; init; }

    /// <summary>
    /// Builds the list. A client is denied when it sent at least <paramref name="minShare"/> of an incident's requests
    /// or at least <paramref name="minRequests"/> requests; allow-listed prefixes are never denied.
    /// </summary>
    public static DenyList From(AnalysisDocument document, IReadOnlyList<Prefix> allow, double minShare = 0.001, long minRequests = 100)
    {
        ArgumentNullException.ThrowIfNull(document);
        var addresses = new SortedSet<Wire.NetAddress>();
        var services = new List<string>();
        var rpm = int.MaxValue;
        var burst = 0;
        foreach (var incident in document.Incidents)
        {
            if (incident.Http is not { } http)
            {
                continue;
            }

            services.Add(incident.Target);
            if (http.RateLimit is { } limit && limit.RequestsPerMinute < rpm)
            {
                rpm = limit.RequestsPerMinute;
                burst = limit.Burst;
            }

            foreach (var client in http.TopClients)
            {
                if (client.Requests < minRequests && client.Requests < incident.Packets * minShare)
                {
                    continue;
                }

                if (Wire.NetAddress.TryParse(client.Address, out var address) && !allow.Any(p => p.Contains(address)))
                {
                    addresses.Add(address);
                }
            }
        }

        return new DenyList
        {
            Entries = Aggregate(addresses, allow),
            Allow = allow,
            RequestsPerMinute = rpm == int.MaxValue ? 0 : rpm,
            Burst = burst,
            Services = services.Distinct(StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>One entry per address; a /24 (IPv4) or /64 (IPv6) whose 256 / every listed member is denied and holds no allowed address becomes one block.</summary>
    private static List<Prefix> Aggregate(SortedSet<Wire.NetAddress> addresses, IReadOnlyList<Prefix> allow)
    {
        var result = new List<Prefix>();
        foreach (var group in addresses.GroupBy(a => a.IsIPv4 ? Prefix.Create(a, 24) : Prefix.Create(a, 64)))
        {
            var members = group.ToList();
            var full = group.Key.IsIPv4 ? members.Count == 256 : members.Count >= 256;
            if (full && !allow.Any(p => p.Contains(group.Key.Network) || group.Key.Contains(p.Network)))
            {
                result.Add(group.Key);
            }
            else
            {
                result.AddRange(members.Select(a => Prefix.Create(a, a.IsIPv4 ? 32 : 128)));
            }
        }

        return result;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Entries.Count} entries");
}
