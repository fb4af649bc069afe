using Breakwater.Core;

namespace Breakwater.Storage.Writing;

/// <summary>An incident's running total for one vector, copied from its report on the detection thread.</summary>
internal readonly record struct VectorTotal(string Name, long Packets, long Bytes)
{
    public static VectorTotal[] From(IReadOnlyList<VectorReport> vectors)
    {
        var totals = new VectorTotal[vectors.Count];
        for (var i = 0; i < totals.Length; i++)
        {
            totals[i] = new VectorTotal(vectors[i].Name, vectors[i].Packets, vectors[i].Bytes);
        }

        return totals;
    }
}
