namespace Breakwater.Detection.Tests;

/// <summary>
/// Tests that read process-wide figures (heap size, RSS, bytes allocated) run alone, never beside tests that churn
/// through hundreds of thousands of synthetic packets.
/// </summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class ProcessWideMeasurementsCollection;
