using Breakwater.Core;
using Breakwater.Mitigation;
using Breakwater.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Breakwater.Server.Api;

/// <summary>
/// <c>/api/v1/mitigations</c>: list (filter <c>state</c>), one with its audit trail, create for an incident, approve,
/// withdraw one (<c>DELETE /mitigations/{id}</c>) or all (<c>DELETE /mitigations</c>, the kill switch). Writes need admin.
/// </summary>
internal static partial class ApiRoutes
{
    private static void MapMitigations(RouteGroupBuilder api)
    {
        api.MapGet("/mitigations", ListMitigationsAsync)
            .WithName("ListMitigations").WithSummary("Mitigations, newest first; state filter (pending, dry-run, active, withdrawn, refused, live), limit.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/mitigations/{id}", GetMitigationAsync)
            .WithName("GetMitigation").WithSummary("One mitigation with its audit trail (who, when, why).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/mitigations", CreateMitigationAsync)
            .WithName("CreateMitigation").WithSummary("Mitigate a stored incident now (admin), whatever the mode: body {\"incident\": \"ID\"}.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/mitigations/{id}/approve", ApproveMitigationAsync)
            .WithName("ApproveMitigation").WithSummary("Approve a pending mitigation (admin): it is announced now.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("/mitigations/{id}", WithdrawMitigationAsync)
            .WithName("WithdrawMitigation").WithSummary("Withdraw one mitigation (admin); its incident is not mitigated again automatically.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("/mitigations", WithdrawAllMitigationsAsync)
            .WithName("WithdrawAllMitigations").WithSummary("The kill switch (admin): withdraw every mitigation and every route.");
    }

    private static async Task<IResult> ListMitigationsAsync(IIncidentStore store, string? state, int? limit, CancellationToken ct)
    {
        string[] states = state switch
        {
            null => [],
            "live" => MitigationStates.Live,
            _ when MitigationStates.All.Contains(state) => [state],
            _ => [],
        };
        if (state is not null && states.Length == 0)
        {
            return Problems.BadRequest($"state must be one of {string.Join(", ", MitigationStates.All)} or live; got '{state}'.");
        }

        if (limit is < 1 or > 1000)
        {
            return Problems.BadRequest($"limit must be from 1 to 1000; got {limit}.");
        }

        var rows = store is IMitigationStore mitigations ? await mitigations.ListMitigationsAsync(states, limit ?? 100, ct) : [];
        return new JsonBodyResult(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("mitigations");
            foreach (var row in rows)
            {
                if (MitigationJson.Deserialize(row.Document) is { } record)
                {
                    MitigationJson.Write(writer, record);
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    private static async Task<IResult> GetMitigationAsync(IIncidentStore store, string id, CancellationToken ct)
    {
        if (store is not IMitigationStore mitigations || await mitigations.GetMitigationAsync(id, ct) is not { } row
            || MitigationJson.Deserialize(row.Document) is not { } record)
        {
            return Problems.NotFound($"There is no mitigation '{id}'.");
        }

        var audit = await mitigations.GetMitigationAuditAsync(id, ct);
        return new JsonBodyResult(writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("mitigation");
            MitigationJson.Write(writer, record);
            writer.WriteStartArray("audit");
            foreach (var entry in audit)
            {
                writer.WriteStartObject();
                writer.WriteString("time", AnalysisJson.FormatTime(entry.Time));
                writer.WriteString("action", entry.Action);
                writer.WriteString("actor", entry.Actor);
                writer.WriteString("reason", entry.Reason);
                writer.WriteString("incident", entry.IncidentId);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    private static async Task<IResult> CreateMitigationAsync(IIncidentStore store, MitigationService service, HttpContext context, CancellationToken ct)
    {
        string? incidentId = null;
        try
        {
            using var body = await System.Text.Json.JsonDocument.ParseAsync(context.Request.Body, cancellationToken: ct);
            if (body.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && body.RootElement.TryGetProperty("incident", out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String)
            {
                incidentId = value.GetString();
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }

        if (string.IsNullOrEmpty(incidentId))
        {
            return Problems.BadRequest("The body must be a JSON object with the incident's id, such as {\"incident\": \"…\"}.");
        }

        if (await store.GetIncidentAsync(incidentId, ct) is not { } stored)
        {
            return Problems.NotFound($"There is no incident '{incidentId}'.");
        }

        return Answer(await service.CreateAsync(stored.Incident, Caller(context).Name));
    }

    private static async Task<IResult> ApproveMitigationAsync(MitigationService service, HttpContext context, string id) =>
        Answer(await service.ApproveAsync(id, Caller(context).Name));

    private static async Task<IResult> WithdrawMitigationAsync(MitigationService service, HttpContext context, string id) =>
        Answer(await service.WithdrawAsync(id, Caller(context).Name));

    private static async Task<IResult> WithdrawAllMitigationsAsync(MitigationService service, HttpContext context)
    {
        var count = await service.WithdrawAllAsync(Caller(context).Name);
        return new JsonBodyResult(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("withdrawn", count);
            writer.WriteEndObject();
        });
    }

    private static IResult Answer(MitigationResult result) =>
        result switch
        {
            { NotFound: true } => Problems.NotFound(result.Problem!),
            { Ok: false } => Problems.Result(StatusCodes.Status409Conflict, "Conflict", result.Problem!),
            _ => new JsonBodyResult(writer => MitigationJson.Write(writer, result.Record!)),
        };
}
