using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Breakwater.Outages.Reports;

/// <summary>
/// Admits user outage reports: one per reporter per window, rate limits per address, per /24 or /48 and in total.
/// A reporter is known only by a salted hash of its address and client id; the salt is random, kept in memory only and
/// replaced every UTC day, so no address or id is stored and hashes cannot be linked across days.
/// </summary>
public sealed class ReportIntake
{
    /// <summary>Reporters remembered per window and per minute at most; beyond, reports are rate limited.</summary>
    public const int MaxTracked = 1_000_000;

    private readonly Lock _gate = new();
    private ReportSettings _settings;
    private readonly TimeProvider _time;
    private readonly HashSet<UInt128> _seen = [];
    private readonly Dictionary<UInt128, int> _perAddress = [];
    private readonly Dictionary<UInt128, int> _perPrefix = [];
    private byte[] _salt = [];
    private long _saltDay = -1;
    private long _window = -1;
    private long _minute = -1;
    private int _thisMinute;

    public ReportIntake(ReportSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _time = time;
    }

    public ReportLog Log { get; } = new();

    /// <summary>The limits in force; a configuration reload replaces them (counts of the current minute and window are kept).</summary>
    public ReportSettings Settings
    {
        get
        {
            lock (_gate)
            {
                return _settings;
            }
        }

        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (_gate)
            {
                if (value.Window != _settings.Window)
                {
                    _window = -1; // a new window length starts a new window
                }

                _settings = value;
            }
        }
    }

    public long Accepted { get; private set; }

    public long Rejected { get; private set; }

    /// <summary>Judges one report; when accepted it is added to <see cref="Log"/>. <paramref name="retryAfter"/> is set when limited.</summary>
    public ReportVerdict Submit(IPAddress address, string? clientId, string category, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(address);
        retryAfter = TimeSpan.Zero;
        if (!ReportSettings.Categories.Contains(category) || clientId is { Length: > 128 })
        {
            return ReportVerdict.Invalid;
        }

        var now = _time.GetUtcNow();
        lock (_gate)
        {
            Roll(now);
            var addressKey = Hash(address.GetAddressBytes(), "");
            var prefixKey = Hash(PrefixBytes(address), "/");
            var perAddress = _perAddress.GetValueOrDefault(addressKey);
            var perPrefix = _perPrefix.GetValueOrDefault(prefixKey);
            if (_thisMinute >= _settings.PerMinute || perAddress >= _settings.PerAddress || perPrefix >= _settings.PerPrefix
                || _perAddress.Count >= MaxTracked || _perPrefix.Count >= MaxTracked)
            {
                retryAfter = TimeSpan.FromSeconds(60 - now.Second);
                Rejected++;
                return ReportVerdict.RateLimited;
            }

            _perAddress[addressKey] = perAddress + 1;
            _perPrefix[prefixKey] = perPrefix + 1;
            var reporter = Hash(address.GetAddressBytes(), clientId ?? "");
            if (_seen.Count >= MaxTracked || !_seen.Add(reporter))
            {
                var windowEnd = DateTimeOffset.FromUnixTimeMilliseconds((_window + 1) * (long)_settings.Window.TotalMilliseconds);
                retryAfter = windowEnd - now;
                Rejected++;
                return ReportVerdict.Duplicate;
            }

            _thisMinute++;
            Accepted++;
            Log.Add(now, category);
            return ReportVerdict.Accepted;
        }
    }

    private void Roll(DateTimeOffset now)
    {
        var day = now.ToUnixTimeSeconds() / 86_400;
        if (day != _saltDay)
        {
            _salt = RandomNumberGenerator.GetBytes(32);
            _saltDay = day;
            _seen.Clear();
        }

        var window = now.ToUnixTimeMilliseconds() / (long)_settings.Window.TotalMilliseconds;
        if (window != _window)
        {
            _window = window;
            _seen.Clear();
        }

        var minute = now.ToUnixTimeSeconds() / 60;
        if (minute != _minute)
        {
            _minute = minute;
            _thisMinute = 0;
            _perAddress.Clear();
            _perPrefix.Clear();
        }
    }

    private UInt128 Hash(ReadOnlySpan<byte> address, string suffix)
    {
        Span<byte> digest = stackalloc byte[32];
        var input = new byte[_salt.Length + address.Length + Encoding.UTF8.GetMaxByteCount(suffix.Length) + 1];
        _salt.CopyTo(input, 0);
        address.CopyTo(input.AsSpan(_salt.Length));
        input[_salt.Length + address.Length] = 0xFF; // separates the address from the client id
        var length = _salt.Length + address.Length + 1 + Encoding.UTF8.GetBytes(suffix, input.AsSpan(_salt.Length + address.Length + 1));
        SHA256.HashData(input.AsSpan(0, length), digest);
        return new UInt128(BitConverter.ToUInt64(digest), BitConverter.ToUInt64(digest[8..]));
    }

    /// <summary>The /24 of an IPv4 address or the /48 of an IPv6 one (IPv4-mapped IPv6 counts as IPv4).</summary>
    private static byte[] PrefixBytes(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        var keep = bytes.Length == 4 ? 3 : 6;
        Array.Clear(bytes, keep, bytes.Length - keep);
        return bytes;
    }
}
