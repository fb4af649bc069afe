using System.Text;

namespace Breakwater.Detection;

/// <summary>
/// Tells a DNS water-torture attack (random, distinct subdomains under one zone) from a plain flood of
/// queries: parses the question name, estimates distinct names with a small HyperLogLog and tracks the
/// dominant zone (last two labels) with space-saving.
/// </summary>
internal sealed class DnsNameStats
{
    private const int Zones = 4;
    private const int MaxZoneBytes = 64;

    private readonly HyperLogLog _names = new(10);
    private readonly ulong[] _zoneHashes = new ulong[Zones];
    private readonly long[] _zoneCounts = new long[Zones];
    private readonly long[] _zoneErrors = new long[Zones];
    private readonly byte[] _zoneBytes = new byte[Zones * MaxZoneBytes];
    private readonly int[] _zoneLengths = new int[Zones];
    private int _zonesUsed;

    /// <summary>Queries whose question name was parsed.</summary>
    public long Parsed { get; private set; }

    public long DistinctNames => _names.Estimate();

    /*
     DNS message (RFC 1035 §4.1.1): a 12-byte header, then the question section (§4.1.2).
       0  1  2  3  4  5  6  7  8  9 10 11 12 ...
      +-----+-----+-----+-----+-----+-----+----------------------------------+
      | ID  |flags|QDCNT|ANCNT|NSCNT|ARCNT| QNAME: len label len label ... 0 |
      +-----+-----+-----+-----+-----+-----+----------------------------------+
     QR is the top bit of byte 2 (0 = query).
    */
    private const int HeaderLength = 12;
    private const int FlagsOffset = 2;
    private const byte QrBit = 0x80;

    public void Add(ReadOnlySpan<byte> message)
    {
        if (message.Length <= HeaderLength || (message[FlagsOffset] & QrBit) != 0)
        {
            return;
        }

        var name = message[HeaderLength..];
        var pos = 0;
        var previousLabel = -1;
        var lastLabel = -1;
        var labels = 0;
        ulong nameHash = 0xCBF29CE484222325UL;
        while (true)
        {
            if (pos >= name.Length)
            {
                return;
            }

            var len = name[pos];
            if (len == 0)
            {
                break;
            }

            // Compression pointers and extended label types cannot occur in a well-formed question name.
            if (len > 63 || pos + 1 + len > name.Length)
            {
                return;
            }

            previousLabel = lastLabel;
            lastLabel = pos;
            for (var i = pos; i <= pos + len; i++)
            {
                nameHash = (nameHash ^ Lower(name[i])) * 0x100000001B3UL;
            }

            labels++;
            pos += 1 + len;
        }

        if (labels == 0)
        {
            return;
        }

        Parsed++;
        _names.Add(Finish(nameHash));
        var zoneStart = labels >= 2 ? previousLabel : lastLabel;
        AddZone(name[zoneStart..pos]);
    }

    /// <summary>Fewest parsed queries of packet samples (sFlow 1:N) to judge on: each stands for N queries.</summary>
    public const int MinSampledQueries = 8;

    /// <summary>The queries are packet samples (1:N): a few random names stand for many (set by the tracker).</summary>
    public bool Sampled { get; set; }

    /// <summary>True when many distinct names share one dominant zone: the shape of a random-subdomain attack.</summary>
    public bool IsWaterTorture(out string? zone)
    {
        zone = null;
        if (Parsed < 50)
        {
            return Sampled && Parsed >= MinSampledQueries && IsFewSampledWaterTorture(out zone);
        }

        var top = TopZone();
        if (top < 0)
        {
            return false;
        }

        var dominant = (_zoneCounts[top] - _zoneErrors[top]) * 2 >= Parsed;
        var distinct = DistinctNames;
        var random = distinct >= 30 && distinct * 10 >= Parsed * 3;
        zone = ZoneText(top);
        return dominant && random;
    }

    /// <summary>
    /// A handful of samples of a flood of 1:N: a plain query flood repeats its few names even among samples, a
    /// random-subdomain flood gives a new name in almost every one. Judged as the packet path does (one dominant
    /// zone), with the randomness bar at three quarters of the samples distinct.
    /// </summary>
    private bool IsFewSampledWaterTorture(out string? zone)
    {
        zone = null;
        var top = TopZone();
        if (top < 0)
        {
            return false;
        }

        var dominant = (_zoneCounts[top] - _zoneErrors[top]) * 2 >= Parsed;
        var random = DistinctNames * 4 >= Parsed * 3;
        zone = ZoneText(top);
        return dominant && random;
    }

    public void Clear()
    {
        Sampled = false;
        _names.Clear();
        _zonesUsed = 0;
        Array.Clear(_zoneCounts);
        Array.Clear(_zoneErrors);
        Parsed = 0;
    }

    private void AddZone(ReadOnlySpan<byte> zone)
    {
        ulong h = 0xCBF29CE484222325UL;
        foreach (var b in zone)
        {
            h = (h ^ Lower(b)) * 0x100000001B3UL;
        }

        var min = 0;
        for (var i = 0; i < _zonesUsed; i++)
        {
            if (_zoneHashes[i] == h)
            {
                _zoneCounts[i]++;
                return;
            }

            if (_zoneCounts[i] < _zoneCounts[min])
            {
                min = i;
            }
        }

        int slot;
        long error = 0;
        if (_zonesUsed < Zones)
        {
            slot = _zonesUsed++;
        }
        else
        {
            slot = min;
            error = _zoneCounts[min];
        }

        _zoneErrors[slot] = error;
        _zoneCounts[slot] = error + 1;
        _zoneHashes[slot] = h;
        var n = Math.Min(zone.Length, MaxZoneBytes);
        zone[..n].CopyTo(_zoneBytes.AsSpan(slot * MaxZoneBytes, n));
        _zoneLengths[slot] = n;
    }

    private int TopZone()
    {
        var top = -1;
        for (var i = 0; i < _zonesUsed; i++)
        {
            if (top < 0 || _zoneCounts[i] - _zoneErrors[i] > _zoneCounts[top] - _zoneErrors[top])
            {
                top = i;
            }
        }

        return top;
    }

    private string ZoneText(int slot)
    {
        var bytes = _zoneBytes.AsSpan(slot * MaxZoneBytes, _zoneLengths[slot]);
        var text = new StringBuilder();
        var pos = 0;
        while (pos < bytes.Length)
        {
            var len = bytes[pos];
            if (pos + 1 + len > bytes.Length)
            {
                break;
            }

            if (text.Length > 0)
            {
                text.Append('.');
            }

            text.Append(Encoding.ASCII.GetString(bytes.Slice(pos + 1, len)));
            pos += 1 + len;
        }

        return text.ToString();
    }

    private static byte Lower(byte b) => b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;

    private static ulong Finish(ulong h)
    {
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 33;
        return h;
    }
}
