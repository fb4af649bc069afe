namespace Breakwater.Bgp;

/// <summary>An announcement or a withdrawal queued for one session.</summary>
internal readonly record struct BgpRouteChange(BgpRoute Route, bool Withdraw);
