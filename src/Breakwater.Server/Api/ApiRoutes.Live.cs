using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Breakwater.Server.Api;

/// <summary>What the dashboard watches: collector health and the server-sent event feed.</summary>
internal static partial class ApiRoutes
{
    private static void MapLive(RouteGroupBuilder api)
    {
        api.MapGet("/collectors", (DaemonHost daemon, ServerState state) => TypedResults.Json(CollectorHealth.Snapshot(daemon, state.Time.GetUtcNow()),
                ApiJsonContext.Default.CollectorHealthResponse))
            .WithName("GetCollectors").WithSummary("Collector health: datagrams, records, drops by reason, exporters and their sampling rates.");
        api.MapGet("/events", (LiveFeed live, HttpContext context) => live.StreamAsync(context))
            .WithName("StreamEvents").WithSummary("Server-sent events: the daemon's event stream (incident.*, collector.stats) plus live traffic each second.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
    }
}
