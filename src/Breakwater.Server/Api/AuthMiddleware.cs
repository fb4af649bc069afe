using Breakwater.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Breakwater.Server.Api;

/// <summary>
/// Bearer-token gate in front of every route: <c>/api/v1/health</c> and the dashboard's static files are open; every
/// other <c>/api</c> path, <c>/openapi</c> and <c>/metrics</c> (unless <c>api.metrics_public</c>) need a token; any
/// method other than GET and HEAD needs an <c>admin</c> token. Refusals are 401 or 403 with a problem body.
/// </summary>
internal sealed class AuthMiddleware(RequestDelegate next, TokenAuthenticator tokens, ServerState state, ILogger<AuthMiddleware> logger)
{
    public const string CallerItem = "breakwater.caller";

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!NeedsToken(path, state.Config.Api.MetricsPublic))
        {
            await next(context);
            return;
        }

        var caller = tokens.Authenticate(context.Request.Headers.Authorization.ToString() is { Length: > 0 } h ? h : null);
        if (caller is null)
        {
            ServerLog.Unauthorized(logger, context.Request.Method, path.Value ?? "", context.Connection.RemoteIpAddress?.ToString() ?? "");
            await Problems.WriteAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized",
                tokens.Count == 0
                    ? "This route needs a bearer token, and api.tokens in the configuration is empty: add a token there."
                    : "This route needs an 'Authorization: Bearer TOKEN' header with a token from api.tokens.");
            return;
        }

        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && caller.Role != ApiRole.Admin)
        {
            ServerLog.Forbidden(logger, caller.Name, context.Request.Method, path.Value ?? "");
            await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, "Forbidden",
                $"The token '{caller.Name}' has the read role; {context.Request.Method} needs an admin token.");
            return;
        }

        context.Items[CallerItem] = caller;
        await next(context);
    }

    private static bool NeedsToken(PathString path, bool metricsPublic)
    {
        // User outage reports are public or carry their own reports.token, checked by the route.
        if (path.StartsWithSegments("/api/v1/health", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/api/v1/reports", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase))
        {
            return !metricsPublic;
        }

        return path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase);
    }
}
