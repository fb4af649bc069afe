namespace Breakwater.Simulation;

/// <summary>
/// Ports whose Wireshark dissectors report our flood payloads as malformed, found by sending letters and digits,
/// VSE queries and QUIC-like datagrams to and from every port through tshark 4.x. Random port choices skip them,
/// so simulated captures dissect cleanly and tests can insist on zero malformed packets; real floods do hit
/// them, which changes nothing for detection.
/// </summary>
internal static class StrictPorts
{
    private static readonly ushort[] Sorted =
    [
        49, 53, 67, 68, 88, 123, 137, 161, 162, 213, 319, 389, 427, 434, 464, 496, 500, 513, 520, 521, 525, 639, 910,
        921, 1153, 1194, 1628, 1629, 1718, 1719, 1745, 1861, 1883, 2067, 2123, 2152, 2222, 2246, 2313, 2345, 2404,
        2571, 2945, 2948, 3130, 3250, 3389, 3452, 3455, 3544, 3671, 3784, 3804, 3863, 4341, 4342, 4729, 4754, 4784,
        4991, 5031, 5060, 5072, 5246, 5247, 5353, 5355, 5436, 5555, 5683, 6081, 6118, 6160, 6277, 6635, 6666, 6668,
        6771, 6784, 6970, 7275, 7784, 7911, 8023, 8600, 8611, 8612, 8613, 8614, 8805, 8848, 9200, 9201, 9202, 9203,
        9875, 9899, 9956, 11273, 12222, 12223, 13400, 19132, 23272, 25826, 30030, 37008, 41170, 44818, 47000, 54328,
    ];

    public static bool Contains(int port) => Array.BinarySearch(Sorted, (ushort)port) >= 0;
}
