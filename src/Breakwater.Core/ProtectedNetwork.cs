namespace Breakwater.Core;

/// <summary>A protected prefix and the host group its addresses belong to.</summary>
public sealed record ProtectedNetwork(Prefix Prefix, string Group);
