namespace Breakwater.Outages.Probes;

/// <summary>What a probe checks (the <c>type</c> key of a <c>probes:</c> entry).</summary>
public enum ProbeKind
{
    Http,
    Tcp,
    Dns,
    Icmp,
}
