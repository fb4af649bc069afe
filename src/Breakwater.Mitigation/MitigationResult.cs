namespace Breakwater.Mitigation;

/// <summary>The outcome of an operator's request: the record, or a problem (<see cref="NotFound"/> or a conflict) in one sentence.</summary>
public sealed record MitigationResult(MitigationRecord? Record, string? Problem, bool NotFound = false)
{
    public bool Ok => Problem is null;
}
