using System.Reflection;
using Breakwater.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Breakwater.Server.Api;

/// <summary>
/// The <c>/api/v1</c> routes of this release. Paths of later capabilities (mitigations, outages, reports, timeline,
/// intel) are not mapped and answer 404 with a problem body until they exist.
/// </summary>
internal static partial class ApiRoutes
{
    public static readonly string Version =
        typeof(ApiRoutes).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapGet("/health", (ServerState state) => TypedResults.Ok(new HealthResponse("ok", Version, state.Started)))
            .WithName("GetHealth").WithSummary("Liveness; the only route that needs no token.");
        api.MapGet("/config", (ServerState state) =>
            {
                var config = state.Config;
                var body = new System.Text.Json.Nodes.JsonObject
                {
                    ["path"] = config.Path,
                    ["config"] = ConfigRedactor.ToJson(config.Text),
                };
                return TypedResults.Json(body, ApiJsonContext.Default.JsonObject);
            })
            .WithName("GetConfig").WithSummary("The configuration in force, with tokens, passwords, connection strings and alert URLs redacted.");
        MapIncidents(api);
        MapHosts(api);
        MapLive(api);
        MapOutages(api);
        MapMitigations(api);
        MapIntel(api);
        api.MapFallback((HttpContext context) => Problems.NotFound(
                $"{context.Request.Path} is not an API path of this version (see /openapi/v1.json)."))
            .ExcludeFromDescription();
    }

    internal static ApiCaller Caller(HttpContext context) =>
        context.Items[AuthMiddleware.CallerItem] as ApiCaller ?? throw new InvalidOperationException("The auth middleware did not run.");
}
