using System.Collections.Frozen;
using Breakwater.Core;

namespace Breakwater.Simulation;

/// <summary>
/// Large IPv4 blocks registered to access networks in a few countries, so bots "from BR and VN" land in
/// address space a GeoIP database places there. Illustrative and coarse: not a geolocation database.
/// </summary>
internal static class CountryPrefixes
{
    private static readonly FrozenDictionary<string, Prefix[]> ByCode = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["AR"] = ["181.0.0.0/12", "190.16.0.0/12"],
        ["BR"] = ["177.0.0.0/10", "179.96.0.0/12", "189.0.0.0/11"],
        ["CN"] = ["36.96.0.0/11", "58.16.0.0/13", "113.64.0.0/10", "117.128.0.0/10"],
        ["DE"] = ["79.192.0.0/10", "91.0.0.0/10"],
        ["EG"] = ["41.32.0.0/12", "156.160.0.0/11"],
        ["ID"] = ["36.64.0.0/11", "114.120.0.0/13"],
        ["IN"] = ["49.32.0.0/11", "106.192.0.0/11", "117.192.0.0/10"],
        ["KR"] = ["58.120.0.0/13", "121.128.0.0/10", "211.32.0.0/11"],
        ["MX"] = ["187.128.0.0/10", "201.128.0.0/11"],
        ["RU"] = ["5.136.0.0/13", "95.24.0.0/13", "178.64.0.0/13"],
        ["TH"] = ["171.96.0.0/13", "184.22.0.0/15"],
        ["TR"] = ["78.160.0.0/11", "88.224.0.0/11"],
        ["TW"] = ["36.224.0.0/12", "114.32.0.0/12"],
        ["US"] = ["23.0.0.0/12", "67.0.0.0/11", "98.0.0.0/10"],
        ["VN"] = ["14.160.0.0/11", "113.160.0.0/11", "171.224.0.0/11"],
    }.ToFrozenDictionary(p => p.Key, p => p.Value.Select(Prefix.Parse).ToArray(), StringComparer.OrdinalIgnoreCase);

    public static IEnumerable<string> Codes => ByCode.Keys.Order(StringComparer.Ordinal);

    public static bool TryGet(string code, out Prefix[] prefixes) => ByCode.TryGetValue(code, out prefixes!);
}
