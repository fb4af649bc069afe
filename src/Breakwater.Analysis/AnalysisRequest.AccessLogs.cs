namespace Breakwater.Analysis;

public sealed partial class AnalysisRequest
{
    /// <summary>Service name for access log requests without a virtual host (<c>--service</c>); null: "default".</summary>
    public string? Service { get; init; }
}
