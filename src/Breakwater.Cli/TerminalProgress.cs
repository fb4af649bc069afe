using System.Diagnostics;
using System.Globalization;

namespace Breakwater.Cli;

/// <summary>A one-line progress bar on stderr, redrawn at most ten times a second.</summary>
internal sealed class TerminalProgress : IAnalysisProgress
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

    public void Report(long position, long packets)
    {
        var now = _clock.ElapsedMilliseconds;
        if (now - _lastDraw < 100)
        {
            return;
        }

        _lastDraw = now;
        var fraction = Math.Clamp((double)position / _length, 0, 1);
        var filled = (int)(fraction * BarWidth);
        var rate = packets / Math.Max(_clock.Elapsed.TotalSeconds, 1e-3);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"\r[{new string('#', filled)}{new string('.', BarWidth - filled)}] {fraction,4:P0} {_file}  {packets:N0} packets  {rate / 1e6:F1} M packets/s ");
        Console.Error.Write(line);
    }

    public void End()
    {
        Report(_length, 0);
        Console.Error.Write("\r" + new string(' ', 100) + "\r");
    }
}
