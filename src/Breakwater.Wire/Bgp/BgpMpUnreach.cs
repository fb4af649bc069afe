namespace Breakwater.Wire.Bgp;

/// <summary>MP_UNREACH_NLRI (RFC 4760 §4): withdrawn routes or FlowSpec rules of one family. <c>AFI(2) SAFI(1) NLRI(variable)</c></summary>
public sealed record BgpMpUnreach(BgpFamily Family, IReadOnlyList<BgpPrefix> Prefixes, IReadOnlyList<FlowSpecRule> Rules);
