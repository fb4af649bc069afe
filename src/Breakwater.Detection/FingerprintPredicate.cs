namespace Breakwater.Detection;

/// <summary>One equality test of a fingerprint, e.g. UDP source port == 123.</summary>
internal readonly record struct FingerprintPredicate(FingerprintFeature Feature, uint Value)
{
    /// <summary>Protocol, flags and ports describe the attack itself; length, TTL and payload only narrow it.</summary>
    public bool IsStructural => Feature <= FingerprintFeature.DestinationPort;

    public bool Matches(in FeatureSample s) => Feature switch
    {
        FingerprintFeature.Protocol => s.Protocol == Value,
        FingerprintFeature.TcpFlags => s.Protocol == 6 && s.TcpFlags == Value,
        FingerprintFeature.LaterFragment => s.LaterFragment,
        FingerprintFeature.SourcePort => !s.LaterFragment && s.Protocol is 6 or 17 && s.SourcePort == Value,
        FingerprintFeature.DestinationPort => !s.LaterFragment && s.Protocol is 6 or 17 && s.DestinationPort == Value,
        FingerprintFeature.Length => s.Length == Value,
        FingerprintFeature.Ttl => s.Ttl == Value,
        _ => s.PayloadPrefixLength == 4 && s.Protocol is 6 or 17 && !s.LaterFragment && s.PayloadPrefix == Value,
    };

    /// <summary>
    /// As a rule tests it: TCP flags under the mask of FIN, SYN, RST and ACK plus the flags set, so a rule says what a
    /// SYN flood is (SYN, no ACK) whatever ECN or PSH bits ride along; the other features as <see cref="Matches"/>.
    /// </summary>
    public bool MatchesAsRule(in FeatureSample s) => Feature == FingerprintFeature.TcpFlags
        ? s.Protocol == 6 && !s.LaterFragment && (s.TcpFlags & (RuleFlagMask | Value)) == Value
        : Matches(s);

    /// <summary>FIN, SYN, RST, ACK: the flags whose absence a rule also tests.</summary>
    public const uint RuleFlagMask = 0x17;

    /// <summary>FlowSpec has components for these features; TTL and payload only BPF and nftables can test.</summary>
    public bool InFlowSpec => Feature is not (FingerprintFeature.Ttl or FingerprintFeature.PayloadPrefix);

    public static bool TryFrom(FingerprintFeature feature, in FeatureSample s, out FingerprintPredicate predicate)
    {
        predicate = default;
        var transport = !s.LaterFragment && s.Protocol is 6 or 17;
        switch (feature)
        {
            case FingerprintFeature.Protocol:
                predicate = new(feature, s.Protocol);
                return true;
            case FingerprintFeature.TcpFlags when s.Protocol == 6 && !s.LaterFragment:
                predicate = new(feature, s.TcpFlags);
                return true;
            case FingerprintFeature.LaterFragment when s.LaterFragment:
                predicate = new(feature, 1);
                return true;
            case FingerprintFeature.SourcePort when transport && s.SourcePort != 0:
                predicate = new(feature, s.SourcePort);
                return true;
            case FingerprintFeature.DestinationPort when transport && s.DestinationPort != 0:
                predicate = new(feature, s.DestinationPort);
                return true;
            case FingerprintFeature.Length when s.Length != 0:
                predicate = new(feature, s.Length);
                return true;
            case FingerprintFeature.Ttl:
                predicate = new(feature, s.Ttl);
                return true;
            case FingerprintFeature.PayloadPrefix when transport && s.PayloadPrefixLength == 4:
                predicate = new(feature, s.PayloadPrefix);
                return true;
            default:
                return false;
        }
    }
}
