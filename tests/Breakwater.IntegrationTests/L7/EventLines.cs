namespace Breakwater.IntegrationTests.L7;

/// <summary>An event stream destination that keeps its lines for a test to wait on.</summary>
internal sealed class EventLines : TextWriter
{
    private readonly List<string> _lines = [];

    public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

    public override void WriteLine(string? value)
    {
        lock (_lines)
        {
            _lines.Add(value ?? "");
        }
    }

    public List<string> Snapshot()
    {
        lock (_lines)
        {
            return [.. _lines];
        }
    }

    /// <summary>Waits until <paramref name="count"/> lines match; returns them (fewer on timeout).</summary>
    public async Task<List<string>> WaitForAsync(Func<string, bool> predicate, int count, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var matches = Snapshot().Where(predicate).ToList();
            if (matches.Count >= count || DateTime.UtcNow >= deadline)
            {
                return matches;
            }

            await Task.Delay(100, ct);
        }
    }
}
