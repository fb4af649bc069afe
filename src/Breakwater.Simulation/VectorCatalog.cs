using Breakwater.Core;

namespace Breakwater.Simulation;

/// <summary>The vectors the simulator can emit; scenarios name them by their analysis-document names.</summary>
internal static class VectorCatalog
{
    public static IEnumerable<string> Names =>
        Enum.GetValues<VectorKind>().Where(Emits).Select(VectorNames.Name).Order(StringComparer.Ordinal);

    public static bool TryGet(string name, out VectorKind kind) => VectorNames.TryParse(name, out kind) && Emits(kind);

    /// <summary>The well-known service port a reflected response comes from, or 0.</summary>
    public static ushort ReflectorPort(VectorKind kind) => VectorNames.ReflectorPort(kind);

    private static bool Emits(VectorKind kind) => kind != VectorKind.IpFlood;
}
