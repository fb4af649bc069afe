namespace Breakwater.Outages.Waves;

/// <summary>The last N samples of one slot: a fixed array, oldest overwritten first.</summary>
internal sealed class SampleRing(int capacity)
{
    private readonly double[] _values = new double[capacity];
    private int _next;

    public int Count { get; private set; }

    public ReadOnlySpan<double> Values => _values.AsSpan(0, Count);

    public void Add(double value)
    {
        _values[_next] = value;
        _next = (_next + 1) % _values.Length;
        Count = Math.Min(Count + 1, _values.Length);
    }
}
