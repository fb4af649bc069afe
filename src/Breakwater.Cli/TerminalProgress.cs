using System.Diagnostics;
using System.Globalization;
using Breakwater.Analysis;

namespace Breakwater.Cli;

/// <summary>A one-line progress bar on stderr, redrawn at most ten times a second.</summary>
internal sealed class TerminalProgress : IAnalysisProgress, IProgress<double>
{
    private const int BarWidth = 30;
    private readonly Stopwatch _clock = new();
    private string _file = "";
    private long _length;
    private long _lastDraw = -1000;

    public void Begin(string file, long length)
    {
        _file = Path.GetFileName(file);
        _length = Math.Max(1, length);
        _clock.Restart();
        _lastDraw = -1000;
    }

    /// <summary>For jobs that know only the fraction done (simulate): drawn on the caller's thread, no counts.</summary>
    public void Report(double value) => Draw(Math.Clamp(value, 0, 1), packets: null);

    public void Report(long position, long packets) => Draw(Math.Clamp((double)position / _length, 0, 1), packets);

    private void Draw(double fraction, long? packets)
    {
        var now = _clock.ElapsedMilliseconds;
        if (now - _lastDraw < 100)
        {
            return;
        }

        _lastDraw = now;
        var filled = (int)(fraction * BarWidth);
        var counts = packets is { } n
            ? string.Create(CultureInfo.InvariantCulture, $"  {n:N0} packets  {n / Math.Max(_clock.Elapsed.TotalSeconds, 1e-3) / 1e6:F1} M packets/s ")
            : "";
        var line = string.Create(CultureInfo.InvariantCulture,
            $"\r[{new string('#', filled)}{new string('.', BarWidth - filled)}] {fraction,4:P0} {_file}{counts}");
        Console.Error.Write(line);
    }

    public void End()
    {
        Console.Error.Write("\r" + new string(' ', 100) + "\r");
    }
}
