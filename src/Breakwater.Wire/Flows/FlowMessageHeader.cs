namespace Breakwater.Wire.Flows;

/// <summary>Fixed message header lengths shared by the template-based encoders and decoders.</summary>
public static class FlowMessageHeader
{
    /// <summary>NetFlow v9 packet header (RFC 3954 §5.1): version, count, sysUptime, unix secs, sequence, source id.</summary>
    public const int NetFlowV9Length = 20;

    /// <summary>IPFIX message header (RFC 7011 §3.1): version, length, export time, sequence, observation domain.</summary>
    public const int IpfixLength = 16;
}
