namespace Breakwater.Outages.Waves;

/// <summary>Reports of one category inside a wave and their share of the wave's reports.</summary>
public sealed record CategoryCount(string Name, long Reports, double Share);
