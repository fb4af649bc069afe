using System.Runtime.CompilerServices;

namespace Breakwater.Wire.Http;

/// <summary>
/// Remembers the last Common Log Format time text and its value: consecutive log lines mostly share their second,
/// so most lines cost one 26-byte comparison instead of a date parse.
/// </summary>
public struct TimeCache
{
    private TimeText _text;
    private long _nanos;
    private bool _valid;

    public bool TryGet(ReadOnlySpan<byte> clf, out long nanos)
    {
        ReadOnlySpan<byte> last = _text;
        if (_valid && clf.SequenceEqual(last[..clf.Length]) && clf.Length == 26)
        {
            nanos = _nanos;
            return true;
        }

        if (!LogTime.TryParseClf(clf, out nanos))
        {
            return false;
        }

        clf.CopyTo(_text);
        _nanos = nanos;
        _valid = true;
        return true;
    }

    [InlineArray(26)]
    private struct TimeText
    {
        private byte _element0;
    }
}
