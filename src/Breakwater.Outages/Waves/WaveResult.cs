namespace Breakwater.Outages.Waves;

/// <summary>Waves found in one series and how the baseline was learned (<c>primed</c> or <c>streaming</c>).</summary>
public sealed record WaveResult(ReportSeries Series, IReadOnlyList<Wave> Waves, string BaselineMode);
