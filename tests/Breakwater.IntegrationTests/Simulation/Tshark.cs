using System.Diagnostics;

namespace Breakwater.IntegrationTests.Simulation;

/// <summary>Runs the installed tshark on a capture: an independent dissector to judge our packets.</summary>
internal static class Tshark
{
    public static async Task<string[]> FieldsAsync(string pcap, string? filter, params string[] fields)
    {
        var args = new List<string> { "-r", pcap, "-n", "-T", "fields", "-E", "separator=|" };
        if (filter is not null)
        {
            args.Add("-Y");
            args.Add(filter);
        }

        foreach (var field in fields)
        {
            args.Add("-e");
            args.Add(field);
        }

        var start = new ProcessStartInfo("tshark")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout;
        Assert.True(process.ExitCode == 0, $"tshark failed: {await stderr}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public static async Task<int> CountAsync(string pcap, string filter) => (await FieldsAsync(pcap, filter, "frame.number")).Length;
}
