using System.Globalization;
using System.Text;
using Breakwater.Core;

namespace Breakwater.Detection;

/// <summary>
/// Writes one rule's predicates three ways: a tcpdump/BPF expression, an nftables rule (<c>inet</c> family, so one table
/// serves IPv4 and IPv6) and a FlowSpec match. TCP flags test FIN, SYN, RST and ACK plus the flags set
/// (<see cref="FingerprintPredicate.MatchesAsRule"/>), the same in all three.
/// </summary>
internal static class RuleRender
{
    private static readonly string[] FlagNames = ["fin", "syn", "rst", "psh", "ack", "urg", "ecn", "cwr"];
    private static readonly string[] FlowSpecFlagNames = ["fin", "syn", "rst", "psh", "ack", "urg", "ece", "cwr"];

    public static string Bpf(RuleTarget target, List<FingerprintPredicate> predicates)
    {
        var v4 = target.IsIPv4;
        var text = new StringBuilder(v4 ? "ip dst " : "ip6 dst ");
        text.Append(target.IsHost ? target.Address : "net " + target.Cidr);
        var transport = Transport(predicates);
        var implied = transport is not null && predicates.Exists(p => p.Feature is FingerprintFeature.TcpFlags
            or FingerprintFeature.SourcePort or FingerprintFeature.DestinationPort);
        foreach (var p in predicates.OrderBy(p => p.Feature))
        {
            if (implied && p.Feature == FingerprintFeature.Protocol && v4)
            {
                continue; // "tcp dst port 80" already says tcp (IPv6 keeps it: flags are read at a fixed offset).
            }

            var clause = p.Feature switch
            {
                FingerprintFeature.Protocol => p.Value switch
                {
                    6 => "tcp",
                    17 => "udp",
                    1 => "icmp",
                    58 => "icmp6",
                    _ => Invariant($"{(v4 ? "ip" : "ip6")} proto {p.Value}"),
                },
                FingerprintFeature.TcpFlags => v4
                    ? Invariant($"tcp[tcpflags] & 0x{FingerprintPredicate.RuleFlagMask | p.Value:x2} == 0x{p.Value:x2}")
                    : Invariant($"ip6[53] & 0x{FingerprintPredicate.RuleFlagMask | p.Value:x2} == 0x{p.Value:x2}"),
                FingerprintFeature.LaterFragment => v4 ? "ip[6:2] & 0x1fff != 0" : "ip6[6] == 44",
                FingerprintFeature.SourcePort => Invariant($"{transport ?? string.Empty}{(transport is null ? string.Empty : " ")}src port {p.Value}"),
                FingerprintFeature.DestinationPort => Invariant($"{transport ?? string.Empty}{(transport is null ? string.Empty : " ")}dst port {p.Value}"),
                FingerprintFeature.Length => v4 ? Invariant($"ip[2:2] == {p.Value}") : Invariant($"ip6[4:2] == {Math.Max(0, (int)p.Value - 40)}"),
                FingerprintFeature.Ttl => v4 ? Invariant($"ip[8] == {p.Value}") : Invariant($"ip6[7] == {p.Value}"),
                _ => (transport, v4) switch
                {
                    ("tcp", true) => Invariant($"tcp[((tcp[12:1] & 0xf0) >> 2):4] == 0x{p.Value:x8}"),
                    ("tcp", false) => Invariant($"ip6[(40 + ((ip6[52] & 0xf0) >> 2)):4] == 0x{p.Value:x8}"),
                    (_, true) => Invariant($"udp[8:4] == 0x{p.Value:x8}"),
                    _ => Invariant($"ip6[48:4] == 0x{p.Value:x8}"),
                },
            };
            text.Append(" and ").Append(clause);
        }

        return text.ToString();
    }

    public static string Nft(RuleTarget target, List<FingerprintPredicate> predicates)
    {
        var v4 = target.IsIPv4;
        var text = new StringBuilder(v4 ? "ip daddr " : "ip6 daddr ");
        text.Append(target.IsHost ? target.Address : target.Cidr);
        var transport = Transport(predicates);
        foreach (var p in predicates.OrderBy(p => p.Feature))
        {
            var clause = p.Feature switch
            {
                FingerprintFeature.Protocol => Invariant($"meta l4proto {p.Value}"),
                FingerprintFeature.TcpFlags => "tcp flags & (" + Flags(FingerprintPredicate.RuleFlagMask | p.Value, FlagNames, "|") + ") == "
                    + (p.Value == 0 ? "0x0" : Flags(p.Value, FlagNames, "|")),
                FingerprintFeature.LaterFragment => v4 ? "ip frag-off & 0x1fff != 0" : "frag frag-off != 0",
                FingerprintFeature.SourcePort => Invariant($"{transport ?? "th"} sport {p.Value}"),
                FingerprintFeature.DestinationPort => Invariant($"{transport ?? "th"} dport {p.Value}"),
                FingerprintFeature.Length => v4 ? Invariant($"ip length {p.Value}") : Invariant($"ip6 length {Math.Max(0, (int)p.Value - 40)}"),
                FingerprintFeature.Ttl => v4 ? Invariant($"ip ttl {p.Value}") : Invariant($"ip6 hoplimit {p.Value}"),
                _ => Invariant($"@ih,0,32 0x{p.Value:x8}"),
            };
            text.Append(' ').Append(clause);
        }

        return text.Append(" counter drop").ToString();
    }

    /// <summary>The FlowSpec match; <paramref name="predicates"/> holds only what FlowSpec can test.</summary>
    public static FlowSpecMatch FlowSpec(RuleTarget target, List<FingerprintPredicate> predicates)
    {
        int[]? One(FingerprintFeature feature, int adjust = 0) =>
            predicates.Exists(p => p.Feature == feature) ? [Math.Max(0, (int)predicates.Find(p => p.Feature == feature).Value + adjust)] : null;

        string? flags = null;
        if (predicates.Exists(p => p.Feature == FingerprintFeature.TcpFlags))
        {
            var value = predicates.Find(p => p.Feature == FingerprintFeature.TcpFlags).Value;
            var set = value == 0 ? [] : Flags(value, FlowSpecFlagNames, "&").Split('&');
            var clear = Flags(FingerprintPredicate.RuleFlagMask & ~value, FlowSpecFlagNames, "&").Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(n => "!" + n);
            flags = string.Join('&', set.Concat(clear));
        }

        var protocol = One(FingerprintFeature.Protocol);
        if (protocol is null && predicates.Exists(p => p.Feature == FingerprintFeature.TcpFlags))
        {
            protocol = [6];
        }

        return new FlowSpecMatch
        {
            Destination = target.Cidr,
            Protocol = protocol,
            SourcePort = One(FingerprintFeature.SourcePort),
            DestinationPort = One(FingerprintFeature.DestinationPort),
            TcpFlags = flags,
            PacketLength = One(FingerprintFeature.Length, target.IsIPv4 ? 0 : -40),
            Fragment = predicates.Exists(p => p.Feature == FingerprintFeature.LaterFragment) ? "is-fragment&!first-fragment" : null,
        };
    }

    private static string? Transport(List<FingerprintPredicate> predicates) =>
        predicates.Exists(p => p.Feature == FingerprintFeature.Protocol)
            ? predicates.Find(p => p.Feature == FingerprintFeature.Protocol).Value switch
            {
                6 => "tcp",
                17 => "udp",
                _ => null,
            }
            : predicates.Exists(p => p.Feature == FingerprintFeature.TcpFlags) ? "tcp" : null;

    private static string Flags(uint value, string[] names, string separator)
    {
        var set = new List<string>();
        for (var bit = 0; bit < 8; bit++)
        {
            if ((value & (1u << bit)) != 0)
            {
                set.Add(names[bit]);
            }
        }

        return string.Join(separator, set);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
