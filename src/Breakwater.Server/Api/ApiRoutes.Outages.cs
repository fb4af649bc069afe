using System.Net;
using System.Text.Json;
using Breakwater.Outages;
using Breakwater.Outages.Probes;
using Breakwater.Outages.Reports;
using Breakwater.Outages.Timeline;
using Breakwater.Outages.Waves;
using Breakwater.Server.Outages;
using Breakwater.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Breakwater.Server.Api;

/// <summary>
/// Outside-in routes: <c>GET outages/waves</c>, <c>GET timeline</c>, <c>GET probes</c> (read), <c>POST probes/results</c>
/// (probe agents, admin token), <c>POST reports</c> (public, or the <c>reports.token</c>; limits in docs/outages.md).
/// </summary>
internal static partial class ApiRoutes
{
    private static readonly TimeSpan MaxRange = TimeSpan.FromDays(31);

    private static void MapOutages(RouteGroupBuilder api)
    {
        api.MapGet("/outages/waves", (HttpContext context, OutageService outages, ServerState state) =>
            {
                if (!TryRange(context, state, out var from, out var to, out var problem))
                {
                    return problem;
                }

                return Json(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("schema", WavesJson.SchemaName);
                    w.WriteStartArray("waves");
                    foreach (var wave in outages.Waves.Waves(from, to))
                    {
                        WavesJson.WriteWave(w, wave);
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                });
            })
            .WithName("GetOutageWaves").WithSummary("Outage waves in user reports (1-minute and 15-minute signals) in [from, to); default: the last 24 hours.");
        api.MapGet("/timeline", async (HttpContext context, OutageService outages, ServerState state, IIncidentStore store) =>
                await TimelineAsync(context, outages, state, store) is { } doc
                    ? Results.Text(TimelineJson.Serialize(doc), "application/json")
                    : Problems.BadRequest(RangeProblem))
            .WithName("GetTimeline").WithSummary("Waves, probe states, incidents, C2 commands and claims on one timeline (breakwater.timeline/v1).");
        api.MapGet("/timeline/chart.svg", async (HttpContext context, OutageService outages, ServerState state, IIncidentStore store) =>
                await TimelineAsync(context, outages, state, store) is { } doc
                    ? Results.Text(TimelineHtml.RenderChart(doc), "image/svg+xml")
                    : Problems.BadRequest(RangeProblem))
            .WithName("GetTimelineChart").WithSummary("The timeline's chart as SVG (the dashboard's outage view and the HTML report draw the same).");
        api.MapGet("/probes", (OutageService outages) => Json(w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("probes");
                foreach (var (probe, probeState, cycling) in outages.Probes.States())
                {
                    w.WriteStartObject();
                    w.WriteString("probe", probe);
                    w.WriteString("state", ProbeStateChange.Name(probeState));
                    w.WriteBoolean("cycling", cycling);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }))
            .WithName("GetProbes").WithSummary("The current state of every probe (local and reported by agents).");
        api.MapPost("/probes/results", async (HttpContext context, OutageService outages) =>
            {
                var body = await ReadBodyAsync(context, 256 * 1024);
                if (body is null)
                {
                    return Problems.Result(StatusCodes.Status413PayloadTooLarge, "Payload Too Large", "A batch of probe results is at most 256 KiB.");
                }

                var batch = ProbeResultJson.ReadBatch(body, out var error);
                if (batch is null)
                {
                    return Problems.BadRequest($"Not a batch of probe results: {error}.");
                }

                var accepted = batch.Count(r => outages.Probes.Record(r.Result, r.Interval));
                return Json(w =>
                {
                    w.WriteStartObject();
                    w.WriteNumber("accepted", accepted);
                    w.WriteEndObject();
                });
            })
            .WithName("PostProbeResults").WithSummary("Probe agents report their results here (admin token).");
        api.MapPost("/reports", SubmitReportAsync)
            .WithName("PostReport").WithSummary("A user outage report: {\"category\": app|website|login|feed|other, \"client_id\": …}. Public unless reports.token is set.");
    }

    private static async Task SubmitReportAsync(HttpContext context, OutageService outages)
    {
        var settings = outages.ReportSettings;
        if (!settings.Enabled)
        {
            await Problems.WriteAsync(context, StatusCodes.Status404NotFound, "Not Found", "User reports are not enabled (reports.enabled in the configuration).");
            return;
        }

        if (settings.Token is { } token && context.Request.Headers.Authorization.ToString() != $"Bearer {token}")
        {
            await Problems.WriteAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", "Reports need the report token: 'Authorization: Bearer TOKEN'.");
            return;
        }

        var body = await ReadBodyAsync(context, settings.MaxBodyBytes);
        if (body is null)
        {
            await Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Payload Too Large", $"A report is at most {settings.MaxBodyBytes} bytes.");
            return;
        }

        string? category = null, clientId = context.Request.Headers["X-Client-Id"].ToString() is { Length: > 0 } header ? header : null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                category = doc.RootElement.TryGetProperty("category", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                clientId = doc.RootElement.TryGetProperty("client_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : clientId;
            }
        }
        catch (JsonException)
        {
        }

        var address = context.Connection.RemoteIpAddress ?? IPAddress.None;
        var verdict = outages.Intake.Submit(address, clientId, category ?? "", out var retryAfter);
        switch (verdict)
        {
            case ReportVerdict.Accepted:
                context.Response.StatusCode = StatusCodes.Status202Accepted;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"accepted\":true}", context.RequestAborted);
                break;
            case ReportVerdict.Invalid:
                await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "Bad Request",
                    $"A report is JSON {{\"category\": one of {string.Join(", ", ReportSettings.Categories)}, \"client_id\": optional text of at most 128 characters}}.");
                break;
            default:
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds))).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Problems.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too Many Requests",
                    verdict == ReportVerdict.Duplicate ? "One report per reporter per window: this one was already counted." : "Too many reports from this address or network; try again later.");
                break;
        }
    }

    /// <summary>The request body, or null when it is longer than <paramref name="limit"/> bytes.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext context, int limit)
    {
        if (context.Request.ContentLength > limit)
        {
            return null;
        }

        var buffer = new byte[limit + 1];
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = await context.Request.Body.ReadAsync(buffer.AsMemory(filled), context.RequestAborted)) > 0)
        {
            filled += read;
        }

        return filled > limit ? null : buffer[..filled];
    }

    private const string RangeProblem = "'from' and 'to' must be RFC 3339 times (e.g. 2025-03-10T00:00:00Z), 'to' after 'from', at most 31 days apart.";

    private static async Task<TimelineDocument?> TimelineAsync(HttpContext context, OutageService outages, ServerState state, IIncidentStore store)
    {
        if (!TryRange(context, state, out var from, out var to, out _))
        {
            return null;
        }

        var page = await store.ListIncidentsAsync(new IncidentQuery { Since = from, Limit = IncidentQuery.MaxLimit }, context.RequestAborted);
        var now = state.Time.GetUtcNow();
        var incidents = page.Items.Select(i => i.Incident).Where(i => i.Start <= to)
            .Select(i => new TimelineIncident(i.Id, i.Target, i.Start, i.End ?? now, [.. i.Vectors.Select(v => v.Name)], i.PeakPps, i.PeakBps, i.Botnet?.Family))
            .ToList();
        var input = new TimelineInput
        {
            Service = state.Config.Vantage.Name,
            Waves = outages.Waves.Waves(from, to),
            Reports = outages.Intake.Log.Buckets(from, to, TimeSpan.FromMinutes(Math.Max(1, Math.Ceiling((to - from).TotalMinutes / 1440)))),
            ProbeStates = outages.Probes.History(),
            Incidents = incidents,
            Commands = outages.Intel.Commands,
            Claims = outages.Intel.Claims,
        };
        return TimelineBuilder.Build(input, from, to);
    }

    private static bool TryRange(HttpContext context, ServerState state, out DateTimeOffset from, out DateTimeOffset to, out IResult problem)
    {
        var now = state.Time.GetUtcNow();
        from = now.AddDays(-1);
        to = now;
        problem = Results.Empty;
        var query = context.Request.Query;
        if ((query.TryGetValue("from", out var f) && !Rfc3339.TryParse(f.ToString(), out from))
            || (query.TryGetValue("to", out var t) && !Rfc3339.TryParse(t.ToString(), out to)) || to <= from || to - from > MaxRange)
        {
            problem = Problems.BadRequest(RangeProblem);
            return false;
        }

        return true;
    }

    private static IResult Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Results.Text(buffer.ToArray(), "application/json");
    }
}
