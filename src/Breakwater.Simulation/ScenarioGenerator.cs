namespace Breakwater.Simulation;

/// <summary>Turns a scenario into a labelled pcap and a ground-truth JSON file beside it.</summary>
public static class ScenarioGenerator
{
    /// <summary>
    /// Loads <paramref name="scenarioPath"/> (YAML), writes <paramref name="outputPcap"/> and
    /// <c>OUTPUT.truth.json</c>. Throws <see cref="ScenarioException"/> (with file and line) for a bad scenario.
    /// </summary>
    public static SimulationResult Generate(string scenarioPath, string outputPcap, IProgress<double>? progress = null) =>
        throw new NotImplementedException(scenarioPath + outputPcap + progress);
}
