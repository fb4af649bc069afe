using System.Globalization;
using System.Net;
using YamlDotNet.RepresentationModel;

namespace Breakwater.Configuration;

/// <summary>The <c>bgp</c> section: <c>local_as</c>, <c>router_id</c>, <c>listen</c>, <c>hold_time</c>, <c>neighbors</c>.</summary>
public static partial class ConfigLoader
{
    private static readonly string[] BgpKeys = ["local_as", "router_id", "listen", "hold_time", "neighbors"];
    private static readonly string[] NeighborKeys = ["address", "port", "remote_as", "mode", "families", "local_address"];
    private static readonly string[] BgpFamilies = ["ipv4", "ipv6", "flow4", "flow6"];

    private static BgpSettings ReadBgp(YamlNodeReader reader, YamlNode node)
    {
        var mapping = reader.Mapping(node, "bgp");
        uint? localAs = null;
        IPAddress? routerId = null;
        var listen = new IPEndPoint(IPAddress.Loopback, 179);
        var hold = TimeSpan.FromSeconds(90);
        var neighbors = new List<BgpNeighborSettings>();
        foreach (var (key, value, _) in reader.Entries(mapping, "bgp", BgpKeys))
        {
            switch (key)
            {
                case "local_as":
                    localAs = ReadAsn(reader, value, "bgp.local_as");
                    break;
                case "router_id":
                    routerId = ReadAddress(reader, value, "bgp.router_id", v4Only: true);
                    break;
                case "listen":
                    var text = reader.String(value, "bgp.listen");
                    listen = IPEndPoint.TryParse(text, out var endpoint) && text.Contains(':', StringComparison.Ordinal)
                        ? endpoint
                        : throw reader.Error(value, "bgp.listen", $"must be ADDRESS:PORT such as 127.0.0.1:179, got '{text}'.");
                    break;
                case "hold_time":
                    hold = ConfigDurations.Read(reader, value, "bgp.hold_time", TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(65_535));
                    break;
                default:
                    var list = reader.Sequence(value, "bgp.neighbors");
                    for (var i = 0; i < list.Children.Count; i++)
                    {
                        neighbors.Add(ReadNeighbor(reader, list.Children[i], $"bgp.neighbors[{i}]"));
                    }

                    break;
            }
        }

        return new BgpSettings
        {
            LocalAs = localAs ?? throw reader.Error(mapping, "bgp.local_as", "is required: the AS number Breakwater speaks for, 1 to 4294967295."),
            RouterId = routerId ?? throw reader.Error(mapping, "bgp.router_id", "is required: an IPv4 address that names this speaker, such as 192.0.2.1."),
            Listen = listen,
            HoldTime = hold,
            Neighbors = neighbors,
        };
    }

    private static BgpNeighborSettings ReadNeighbor(YamlNodeReader reader, YamlNode node, string path)
    {
        var entry = reader.Mapping(node, path);
        IPAddress? address = null;
        uint? remoteAs = null;
        var port = 179;
        var active = true;
        IReadOnlyList<string> families = BgpFamilies;
        IPAddress? local = null;
        foreach (var (key, value, _) in reader.Entries(entry, path, NeighborKeys))
        {
            switch (key)
            {
                case "address":
                    address = ReadAddress(reader, value, $"{path}.address", v4Only: false);
                    break;
                case "port":
                    port = reader.Integer(value, $"{path}.port", 1, 65_535);
                    break;
                case "remote_as":
                    remoteAs = ReadAsn(reader, value, $"{path}.remote_as");
                    break;
                case "mode":
                    active = reader.String(value, $"{path}.mode") switch
                    {
                        "active" => true,
                        "passive" => false,
                        var other => throw reader.Error(value, $"{path}.mode", $"must be active or passive, got '{other}'."),
                    };
                    break;
                case "families":
                    var list = new List<string>();
                    foreach (var item in reader.Sequence(value, $"{path}.families").Children)
                    {
                        var family = reader.String(item, $"{path}.families");
                        list.Add(Array.IndexOf(BgpFamilies, family) >= 0
                            ? family
                            : throw reader.Error(item, $"{path}.families", $"allows ipv4, ipv6, flow4 and flow6, got '{family}'."));
                    }

                    families = list.Count > 0 ? list : throw reader.Error(value, $"{path}.families", "needs at least one of ipv4, ipv6, flow4, flow6.");
                    break;
                default:
                    local = ReadAddress(reader, value, $"{path}.local_address", v4Only: false);
                    break;
            }
        }

        return new BgpNeighborSettings
        {
            Address = address ?? throw reader.Error(entry, $"{path}.address", "is required: the neighbour's IP address."),
            RemoteAs = remoteAs ?? throw reader.Error(entry, $"{path}.remote_as", "is required: the neighbour's AS number."),
            Port = port,
            Active = active,
            Families = families,
            LocalAddress = local,
        };
    }

    private static uint ReadAsn(YamlNodeReader reader, YamlNode node, string path)
    {
        var text = reader.String(node, path);
        return uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var asn) && asn > 0
            ? asn
            : throw reader.Error(node, path, $"must be an AS number from 1 to 4294967295, got '{text}'.");
    }

    private static IPAddress ReadAddress(YamlNodeReader reader, YamlNode node, string path, bool v4Only)
    {
        var text = reader.String(node, path);
        return IPAddress.TryParse(text, out var address) && (!v4Only || address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            ? address
            : throw reader.Error(node, path, v4Only ? $"must be an IPv4 address such as 192.0.2.1, got '{text}'." : $"must be an IP address, got '{text}'.");
    }
}
