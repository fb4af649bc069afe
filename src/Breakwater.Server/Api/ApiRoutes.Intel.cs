using Breakwater.Forensics.Intel;
using Breakwater.Server.Forensics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Breakwater.Server.Api;

/// <summary>
/// <c>POST /api/v1/intel</c> (admin): imports an IP list or a botnet command log, in the formats of
/// <c>breakwater intel import</c>, into the daemon's intel store; incidents are matched against it from then on.
/// </summary>
internal static partial class ApiRoutes
{
    /// <summary>Largest intel import, above the API's usual body limit (IP lists can be long).</summary>
    public const int MaxIntelBytes = 16 << 20;

    private static void MapIntel(RouteGroupBuilder api) =>
        api.MapPost("/intel", ImportIntelAsync)
            .WithName("PostIntel")
            .WithSummary("Imports an IP list (plain or CSV) or a botnet command log (JSON lines or CSV) as the request body; ?name=FILE names it in the provenance (admin token).");

    private static async Task<IResult> ImportIntelAsync(
        HttpContext context, DaemonForensics forensics, DaemonHost daemon, ServerState state, ILogger<DaemonForensics> logger, string? name, CancellationToken ct)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxIntelBytes;
        }

        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, ct);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException e)
        {
            return Problems.Result(e.StatusCode, "Payload Too Large", $"An intel import is at most {MaxIntelBytes >> 20} MiB: {e.Message}");
        }

        var label = string.IsNullOrWhiteSpace(name) ? "api-import" : Path.GetFileName(name.Trim());
        IntelSet set;
        string provenance;
        try
        {
            (set, provenance) = forensics.Import(label, body, state.Time.GetUtcNow());
        }
        catch (IntelFormatException e)
        {
            return Problems.BadRequest($"{e.Message} Send an IP list (one address or prefix a line, or CSV with an 'ip' column) or a command log (JSON lines or CSV with time, c2, method, targets).");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Problems.Result(StatusCodes.Status500InternalServerError, "Intel store not writable", $"The intel store could not be written: {e.Message}");
        }

        var added = new TaskCompletionSource<(int Entries, int Commands)>(TaskCreationOptions.RunContinuationsAsynchronously);
        daemon.Post(_ =>
        {
            forensics.Intel.Add(set);
            added.TrySetResult((forensics.Intel.Entries.Count, forensics.Intel.Commands.Count));
        });
        var totals = await added.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
        ServerLog.IntelImported(logger, Caller(context).Name, provenance);
        return TypedResults.Json(new IntelImportResponse(provenance, set.Entries.Count, set.Commands.Count, totals.Entries, totals.Commands),
            ApiJsonContext.Default.IntelImportResponse, statusCode: StatusCodes.Status201Created);
    }
}
