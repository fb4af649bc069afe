using System.Diagnostics;
using Breakwater.Configuration;

namespace Breakwater.Mitigation;

/// <summary>Applies an <see cref="NftablesScript"/> with <c>nft -f -</c> (inside <c>ip netns exec NS</c> when a namespace is configured).</summary>
public sealed class NftablesApplier(NftablesSettings settings)
{
    public NftablesSettings Settings { get; } = settings;

    /// <summary>Replaces the table with the rules of <paramref name="records"/>; returns null on success, else nft's complaint.</summary>
    public async Task<string?> ApplyAsync(IEnumerable<MitigationRecord> records, CancellationToken cancellationToken = default)
    {
        var script = NftablesScript.Render(Settings.Table, records);
        var start = Settings.Netns is { } netns ? new ProcessStartInfo("ip") { ArgumentList = { "netns", "exec", netns, "nft", "-f", "-" } }
            : new ProcessStartInfo("nft") { ArgumentList = { "-f", "-" } };
        start.RedirectStandardInput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;
        try
        {
            using var process = Process.Start(start)!;
            await process.StandardInput.WriteAsync(script.AsMemory(), cancellationToken);
            process.StandardInput.Close();
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode == 0 ? null : $"nft exited with {process.ExitCode}: {(await error).Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"cannot run nft: {e.Message}";
        }
    }
}
