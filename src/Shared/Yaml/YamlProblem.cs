namespace Breakwater.Yaml;

/// <summary>Why a YAML file cannot be read, and the line to look at (1-based).</summary>
internal sealed record YamlProblem(long Line, string Message);
