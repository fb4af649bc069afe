namespace Breakwater.Detection.Tests;

/// <summary>
/// Tests that hold hundreds of thousands of synthetic packets run on their own, so that the memory-bound and
/// allocation tests (which read process-wide heap figures) never see their garbage.
/// </summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class HeavyTrafficCollection;
