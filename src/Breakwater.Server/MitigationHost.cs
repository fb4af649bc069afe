using Breakwater.Mitigation;
using Microsoft.Extensions.Hosting;

namespace Breakwater.Server;

/// <summary>
/// Starts mitigation before detection (hosted services start in order): the store is reconciled and restored routes sit
/// in the speaker's table before the first incident can arrive. Stopping closes the BGP sessions, so routers drop the routes.
/// </summary>
internal sealed class MitigationHost(MitigationService service) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => service.StartAsync(cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken) => await service.DisposeAsync();
}
