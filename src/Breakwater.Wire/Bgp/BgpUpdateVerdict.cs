namespace Breakwater.Wire.Bgp;

/// <summary>The outcome of checking an UPDATE: the RFC 7606 action and the error behind it (code, subcode, offset).</summary>
public readonly record struct BgpUpdateVerdict(BgpUpdateAction Action, BgpError Error)
{
    public static BgpUpdateVerdict Accept => default;

    public bool IsAccept => Action == BgpUpdateAction.Accept;

    /// <summary>Keeps the more severe of two verdicts (the first one found when equal).</summary>
    public BgpUpdateVerdict Worst(BgpUpdateVerdict other) => other.Action > Action ? other : this;

    public override string ToString() => Action == BgpUpdateAction.Accept ? "accept" : $"{Action}: {Error}";
}
