using System.Diagnostics;

namespace Breakwater.Alerts.Channels;

/// <summary>
/// Runs a program per event: its arguments are the configured ones, then the event name, the target and the incident id;
/// the event JSON is on its stdin. Exit code 0 is success; a run past the timeout is killed and counts as a failure.
/// </summary>
internal sealed class ScriptChannel(string path, IReadOnlyList<string> args) : IAlertChannel
{
    public async Task SendAsync(AlertEvent alert, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in args.Concat([alert.Name, alert.Target, alert.IncidentId]))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {path}");
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.StandardInput.WriteLineAsync(alert.Json.AsMemory(), cancellationToken);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The script exited without reading its input: its exit code decides.
            }

            await process.WaitForExitAsync(cancellationToken);
            await output;
            var stderr = await error;
            if (process.ExitCode != 0)
            {
                var detail = stderr.Trim();
                throw new InvalidOperationException($"{path} exited {process.ExitCode}" + (detail.Length > 0 ? $": {detail[..Math.Min(200, detail.Length)]}" : ""));
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
