using Breakwater.Detection.Baselines;

namespace Breakwater.Analysis;

public sealed partial class AnalysisRequest
{
    /// <summary>Learned baselines to detect against and learn into (<c>analyze --baseline</c>, <c>baseline learn</c>); null: none, unless the settings enable an empty one.</summary>
    public BaselineModel? Baseline { get; init; }
}
