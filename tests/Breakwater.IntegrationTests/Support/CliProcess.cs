using System.Diagnostics;

namespace Breakwater.IntegrationTests.Support;

/// <summary>Runs the built CLI as its own process, to measure what only a whole process shows (peak RSS).</summary>
public static class CliProcess
{
    public static async Task<(int ExitCode, string Stdout, string Stderr, long PeakRssBytes)> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "breakwater.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        long peak = 0;
        var statusPath = $"/proc/{process.Id}/status";
        while (!process.HasExited)
        {
            // VmHWM is the kernel's own high-water mark of the resident set: reading it late loses nothing.
            peak = Math.Max(peak, ReadHighWaterMark(statusPath));
            await Task.Delay(20, cancellationToken);
        }

        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout, await stderr, peak);
    }

    private static long ReadHighWaterMark(string statusPath)
    {
        try
        {
            foreach (var line in File.ReadLines(statusPath))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }
}
