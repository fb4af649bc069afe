using System.Buffers.Text;
using System.Net;
using System.Text;
using Breakwater.Wire;

namespace Breakwater.Forensics.Geo;

/// <summary>
/// AS numbers and names by address range from ip-location-db's ASN CSV files (<c>start,end,asn,name</c>, inclusive
/// ranges; addresses as text or, in the <c>-num</c> files, as integers). Sorted arrays and a binary search:
/// about 20 compares per lookup, no allocation.
/// </summary>
internal sealed class AsnRanges
{
    private readonly List<uint> _v4Starts = [];
    private readonly List<uint> _v4Ends = [];
    private readonly List<uint> _v4Asns = [];
    private readonly List<UInt128> _v6Starts = [];
    private readonly List<UInt128> _v6Ends = [];
    private readonly List<uint> _v6Asns = [];
    private readonly Dictionary<uint, string> _names = [];
    private uint[] _s4 = [];
    private uint[] _e4 = [];
    private uint[] _a4 = [];
    private UInt128[] _s6 = [];
    private UInt128[] _e6 = [];
    private uint[] _a6 = [];

    public int Ranges => _s4.Length + _s6.Length;

    /// <summary>Fraction of the IPv4 space inside the ranges (about 0.7 for the routed internet).</summary>
    public double RoutedV4Share { get; private set; }

    public long Malformed { get; private set; }

    /// <summary>Loads one or more CSV files; later files add ranges (overlaps are resolved by the first range found).</summary>
    public static AsnRanges Load(IEnumerable<string> paths)
    {
        var table = new AsnRanges();
        foreach (var path in paths)
        {
            table.AddFile(File.ReadAllBytes(path));
        }

        table.Seal();
        return table;
    }

    public bool TryFind(NetAddress address, out uint asn, out string? name)
    {
        int i;
        if (address.IsIPv4)
        {
            var v = address.V4;
            i = Array.BinarySearch(_s4, v);
            i = i >= 0 ? i : ~i - 1;
            asn = i >= 0 && v <= _e4[i] ? _a4[i] : 0;
        }
        else
        {
            var v = ((UInt128)address.High << 64) | address.Low;
            i = Array.BinarySearch(_s6, v);
            i = i >= 0 ? i : ~i - 1;
            asn = i >= 0 && v <= _e6[i] ? _a6[i] : 0;
        }

        name = asn == 0 ? null : _names.GetValueOrDefault(asn);
        return asn != 0;
    }

    private void AddFile(ReadOnlySpan<byte> text)
    {
        while (!text.IsEmpty)
        {
            var end = text.IndexOf((byte)'\n');
            var line = end < 0 ? text : text[..end];
            text = end < 0 ? [] : text[(end + 1)..];
            if (line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            if (line.IsEmpty || line[0] == (byte)'#')
            {
                continue;
            }

            if (!AddLine(line))
            {
                Malformed++;
            }
        }
    }

    private bool AddLine(ReadOnlySpan<byte> line)
    {
        var c1 = line.IndexOf((byte)',');
        if (c1 < 0)
        {
            return false;
        }

        var rest = line[(c1 + 1)..];
        var c2 = rest.IndexOf((byte)',');
        if (c2 < 0)
        {
            return false;
        }

        var c3 = rest[(c2 + 1)..].IndexOf((byte)',');
        var asnText = c3 < 0 ? rest[(c2 + 1)..] : rest.Slice(c2 + 1, c3);
        if (!Utf8Parser.TryParse(asnText, out uint asn, out var used) || used != asnText.Length)
        {
            return false;
        }

        if (!TryAddress(line[..c1], out var start, out var v4) || !TryAddress(rest[..c2], out var stop, out var v4End) || v4 != v4End)
        {
            return false;
        }

        if (v4)
        {
            _v4Starts.Add((uint)start);
            _v4Ends.Add((uint)stop);
            _v4Asns.Add(asn);
        }
        else
        {
            _v6Starts.Add(start);
            _v6Ends.Add(stop);
            _v6Asns.Add(asn);
        }

        if (c3 >= 0 && !_names.ContainsKey(asn))
        {
            _names[asn] = Unquote(rest[(c2 + 1 + c3 + 1)..]);
        }

        return true;
    }

    /// <summary>A text address or an integer (IPv4 in the 32-bit range, else IPv6).</summary>
    private static bool TryAddress(ReadOnlySpan<byte> field, out UInt128 value, out bool v4)
    {
        value = default;
        v4 = false;
        if (field.IsEmpty)
        {
            return false;
        }

        if (field.IndexOfAny((byte)'.', (byte)':') < 0)
        {
            if (Utf8Parser.TryParse(field, out ulong small, out var used) && used == field.Length)
            {
                value = small;
                v4 = small <= uint.MaxValue;
                return true;
            }

            return UInt128.TryParse(Encoding.ASCII.GetString(field), out value);
        }

        Span<char> chars = stackalloc char[64];
        if (field.Length > chars.Length)
        {
            return false;
        }

        for (var i = 0; i < field.Length; i++)
        {
            chars[i] = (char)field[i];
        }

        if (!IPAddress.TryParse(chars[..field.Length], out var ip))
        {
            return false;
        }

        var address = NetAddress.FromIPAddress(ip);
        v4 = address.IsIPv4;
        value = v4 ? address.V4 : ((UInt128)address.High << 64) | address.Low;
        return true;
    }

    private static string Unquote(ReadOnlySpan<byte> field)
    {
        var text = Encoding.UTF8.GetString(field).Trim();
        return text.Length >= 2 && text[0] == '"' && text[^1] == '"' ? text[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : text;
    }

    private void Seal()
    {
        (_s4, _e4, _a4) = Sorted(_v4Starts, _v4Ends, _v4Asns);
        (_s6, _e6, _a6) = Sorted(_v6Starts, _v6Ends, _v6Asns);
        ulong covered = 0;
        ulong reached = 0;
        for (var i = 0; i < _s4.Length; i++)
        {
            // Overlapping ranges count once.
            var from = Math.Max((ulong)_s4[i], reached);
            var to = (ulong)_e4[i] + 1;
            if (to > from)
            {
                covered += to - from;
                reached = to;
            }
        }

        RoutedV4Share = covered / 4294967296.0;
        _v4Starts.Clear();
        _v4Ends.Clear();
        _v4Asns.Clear();
        _v6Starts.Clear();
        _v6Ends.Clear();
        _v6Asns.Clear();
    }

    private static (T[] Starts, T[] Ends, uint[] Asns) Sorted<T>(List<T> starts, List<T> ends, List<uint> asns)
        where T : IComparable<T>
    {
        var s = starts.ToArray();
        var order = Enumerable.Range(0, s.Length).ToArray();
        var sorted = true;
        for (var i = 1; i < s.Length && sorted; i++)
        {
            sorted = s[i - 1].CompareTo(s[i]) <= 0;
        }

        if (!sorted)
        {
            Array.Sort(s, order);
        }

        var e = new T[s.Length];
        var a = new uint[s.Length];
        for (var i = 0; i < s.Length; i++)
        {
            e[i] = ends[order[i]];
            a[i] = asns[order[i]];
        }

        return (s, e, a);
    }
}
