namespace Breakwater.IntegrationTests.Support;

/// <summary>
/// Tests that replay traffic in real time or measure how fast something happens run alone, after the parallel ones,
/// so that a busy 2-core machine does not turn a slow neighbour into a missed detection.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitiveCollection
{
    public const string Name = "timing-sensitive";
}
