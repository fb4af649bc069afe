namespace Breakwater.Simulation;

/// <summary>How attack packets set the IP TTL / hop limit.</summary>
internal enum TtlMode
{
    /// <summary>Each source keeps one TTL (an OS initial TTL minus a path length), as real bots do.</summary>
    PerSource,

    /// <summary>A new random TTL per packet, the mark of many spoofing tools.</summary>
    Random,

    /// <summary>One fixed value for every packet.</summary>
    Fixed,
}
