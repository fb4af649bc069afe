using Microsoft.Extensions.Hosting;

namespace Breakwater.Server;

/// <summary>Runs the collectors → decode-and-detect pipeline for the lifetime of the host.</summary>
internal sealed class DaemonService(DaemonHost daemon) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => daemon.RunAsync(stoppingToken);
}
