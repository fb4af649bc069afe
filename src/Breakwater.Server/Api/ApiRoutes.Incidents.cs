using System.Globalization;
using System.Text.Json;
using Breakwater.Core;
using Breakwater.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Breakwater.Server.Api;

/// <summary><c>/api/v1/incidents</c>: list with filters and cursor paging, detail, timeline, acknowledgement, notes.</summary>
internal static partial class ApiRoutes
{
    public const int MaxNoteLength = 2000;
    private static readonly string[] Statuses = ["detected", "mitigating", "ended", "open"];

    private static void MapIncidents(RouteGroupBuilder api)
    {
        api.MapGet("/incidents", ListIncidentsAsync)
            .WithName("ListIncidents").WithSummary("Incidents, newest first; filters status, target, since; paging limit and cursor.")
            .Produces<IncidentListResponse>(StatusCodes.Status200OK, "application/json").ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/incidents/{id}", GetIncidentAsync)
            .WithName("GetIncident").WithSummary("One incident, with exactly the analysis document's fields.")
            .Produces<IncidentReport>(StatusCodes.Status200OK, "application/json").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/incidents/{id}/timeline", GetTimelineAsync)
            .WithName("GetIncidentTimeline").WithSummary("Per-second series by vector, state changes, acknowledgement and notes.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/incidents/{id}/ack", AcknowledgeAsync)
            .WithName("AcknowledgeIncident").WithSummary("Acknowledge (admin): no more alerts for this incident.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/incidents/{id}/notes", AddNoteAsync)
            .WithName("AddIncidentNote").WithSummary("Add a timestamped note (admin), e.g. 'upstream informed'.")
            .Accepts<NoteRequest>("application/json").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListIncidentsAsync(
        IIncidentStore store, string? status, string? target, string? since, int? limit, string? cursor, CancellationToken ct)
    {
        if (status is not null && !Statuses.Contains(status))
        {
            return Problems.BadRequest($"status must be one of {string.Join(", ", Statuses)}; got '{status}'.");
        }

        DateTimeOffset? sinceTime = null;
        if (since is not null)
        {
            if (!TryParseTime(since, out var parsed))
            {
                return Problems.BadRequest($"since must be an RFC 3339 time such as 2025-03-10T14:00:00Z; got '{since}'.");
            }

            sinceTime = parsed;
        }

        if (limit is < 1 or > IncidentQuery.MaxLimit)
        {
            return Problems.BadRequest($"limit must be from 1 to {IncidentQuery.MaxLimit}; got {limit}.");
        }

        IncidentPage page;
        try
        {
            page = await store.ListIncidentsAsync(
                new IncidentQuery { Status = status, Target = target, Since = sinceTime, Limit = limit ?? 50, Cursor = cursor }, ct);
        }
        catch (ArgumentException)
        {
            return Problems.BadRequest("cursor is not one this server handed out; start again without it.");
        }

        return new JsonBodyResult(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("incidents");
            foreach (var item in page.Items)
            {
                AnalysisJson.Write(writer, item.Incident);
            }

            writer.WriteEndArray();
            writer.WriteString("next_cursor", page.NextCursor);
            writer.WriteEndObject();
        });
    }

    private static async Task<IResult> GetIncidentAsync(IIncidentStore store, string id, CancellationToken ct) =>
        await store.GetIncidentAsync(id, ct) is { } stored
            ? new JsonBodyResult(writer => AnalysisJson.Write(writer, stored.Incident))
            : Problems.NotFound($"There is no incident '{id}'.");

    private static async Task<IResult> GetTimelineAsync(IIncidentStore store, LiveFeed live, string id, CancellationToken ct)
    {
        if (await store.GetIncidentAsync(id, ct) is not { } stored)
        {
            // Announced but not flushed yet (the store writes at least every 2 s): nothing stored so far, not "no such incident".
            return live.Announced(id)
                ? TypedResults.Json(new IncidentTimelineResponse(id, [], [], null, []), ApiJsonContext.Default.IncidentTimelineResponse)
                : Problems.NotFound($"There is no incident '{id}'.");
        }

        var series = await store.GetTimelineAsync(id, ct);
        var changes = await store.GetStateChangesAsync(id, ct);
        var notes = stored.Notes.Count > 0 ? stored.Notes : await store.GetNotesAsync(id, ct);
        return TypedResults.Json(new IncidentTimelineResponse(
            id,
            [.. series.Select(p => new TimelineSecondDto(p.Second, p.Vector, p.Packets, p.Bytes))],
            [.. changes.Select(c => new StateChangeDto(c.Time, c.State, c.Detail))],
            stored.Acknowledgement is { } ack ? new AcknowledgementDto(ack.Time, ack.By) : null,
            [.. notes.Select(ToDto)]), ApiJsonContext.Default.IncidentTimelineResponse);
    }

    private static async Task<IResult> AcknowledgeAsync(
        IIncidentStore store, ServerState state, LiveFeed live, HttpContext context, ILogger<LiveFeed> logger, string id, CancellationToken ct)
    {
        var caller = Caller(context);
        if (await store.AcknowledgeAsync(id, caller.Name, state.Time.GetUtcNow(), ct) is not { } ack)
        {
            return Problems.NotFound($"There is no incident '{id}'.");
        }

        ServerLog.Acknowledged(logger, id, caller.Name);
        live.PublishOperatorChange(id, "incident.acknowledged");
        return TypedResults.Json(new AckResponse(id, new AcknowledgementDto(ack.Time, ack.By)), ApiJsonContext.Default.AckResponse);
    }

    private static async Task<IResult> AddNoteAsync(
        IIncidentStore store, ServerState state, LiveFeed live, HttpContext context, ILogger<LiveFeed> logger, string id, CancellationToken ct)
    {
        NoteRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(context.Request.Body, ApiJsonContext.Default.NoteRequest, ct);
        }
        catch (JsonException)
        {
            return Problems.BadRequest("The body must be JSON like {\"text\": \"upstream informed\"}.");
        }
        catch (BadHttpRequestException e)
        {
            return Problems.Result(e.StatusCode, "Bad Request", $"The body was refused: {e.Message}");
        }

        var text = request?.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxNoteLength)
        {
            return Problems.BadRequest($"text must be 1 to {MaxNoteLength} characters.");
        }

        var caller = Caller(context);
        if (await store.AddNoteAsync(id, caller.Name, text, state.Time.GetUtcNow(), ct) is not { } note)
        {
            return Problems.NotFound($"There is no incident '{id}'.");
        }

        ServerLog.NoteAdded(logger, id, caller.Name);
        live.PublishOperatorChange(id, "incident.note");
        return TypedResults.Json(ToDto(note), ApiJsonContext.Default.NoteDto, statusCode: StatusCodes.Status201Created);
    }

    private static NoteDto ToDto(IncidentNote note) => new(note.Id, note.Time, note.Author, note.Text);

    internal static bool TryParseTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
}
