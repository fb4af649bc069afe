using System.Net;
using Breakwater.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Breakwater.Server.Api;

/// <summary><c>/api/v1/hosts</c>: top hosts by traffic, and one host's traffic over time, from the minute rollups.</summary>
internal static partial class ApiRoutes
{
    private static readonly TimeSpan MaxTrafficRange = TimeSpan.FromDays(31);
    private const int MaxPoints = 10_000;

    private static void MapHosts(RouteGroupBuilder api)
    {
        api.MapGet("/hosts", TopHostsAsync)
            .WithName("ListHosts").WithSummary("Hosts with the most traffic over the last window_seconds (default 300), by packets.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/hosts/{address}/traffic", HostTrafficAsync)
            .WithName("GetHostTraffic").WithSummary("One host's traffic from the minute rollups: from, to (RFC 3339; default the last hour), step (seconds, whole minutes).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> TopHostsAsync(IIncidentStore store, ServerState state, int? limit, int? window_seconds, CancellationToken ct)
    {
        if (limit is < 1 or > 1000 || window_seconds is < 60 or > 86_400)
        {
            return Problems.BadRequest("limit must be from 1 to 1000 and window_seconds from 60 to 86400.");
        }

        var to = state.Time.GetUtcNow();
        var from = to - TimeSpan.FromSeconds(window_seconds ?? 300);
        var hosts = await store.GetTopHostsAsync(from, to, limit ?? 20, ct);
        return TypedResults.Json(
            new HostListResponse(from, to, [.. hosts.Select(h => new HostRateDto(h.Address, h.Packets, h.Bytes, h.AveragePps, h.AverageBps, h.PeakPps, h.PeakBps))]),
            ApiJsonContext.Default.HostListResponse);
    }

    private static async Task<IResult> HostTrafficAsync(
        IIncidentStore store, ServerState state, string address, string? from, string? to, int? step, CancellationToken ct)
    {
        if (!IPAddress.TryParse(address, out var ip))
        {
            return Problems.BadRequest($"'{address}' is not an IPv4 or IPv6 address.");
        }

        var now = state.Time.GetUtcNow();
        DateTimeOffset toTime = now;
        DateTimeOffset fromTime;
        if (to is not null && !TryParseTime(to, out toTime))
        {
            return Problems.BadRequest($"to must be an RFC 3339 time; got '{to}'.");
        }

        if (from is null)
        {
            fromTime = toTime - TimeSpan.FromHours(1);
        }
        else if (!TryParseTime(from, out fromTime))
        {
            return Problems.BadRequest($"from must be an RFC 3339 time; got '{from}'.");
        }

        var stepSeconds = step ?? 60;
        if (stepSeconds < 60 || stepSeconds % 60 != 0)
        {
            return Problems.BadRequest($"step must be a whole number of minutes in seconds (60, 300, 3600 …); got {stepSeconds}.");
        }

        if (fromTime >= toTime || toTime - fromTime > MaxTrafficRange || (toTime - fromTime).TotalSeconds / stepSeconds > MaxPoints)
        {
            return Problems.BadRequest($"from must be before to, at most 31 days apart, and at most {MaxPoints} steps.");
        }

        var canonical = ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4().ToString() : ip.ToString();
        var points = await store.GetHostTrafficAsync(canonical, fromTime, toTime, TimeSpan.FromSeconds(stepSeconds), ct);
        return TypedResults.Json(
            new HostTrafficResponse(canonical, fromTime, toTime, stepSeconds, [.. points.Select(ToDto)]),
            ApiJsonContext.Default.HostTrafficResponse);
    }

    private static TrafficPointDto ToDto(TrafficPoint p) => new(
        p.Time, p.Packets, p.Bytes, p.AveragePps, p.AverageBps, p.PeakPps, p.PeakBps,
        new TrafficClassesDto(p.Classes.Tcp, p.Classes.Udp, p.Classes.Icmp, p.Classes.Syn, p.Classes.Ack, p.Classes.Rst, p.Classes.Fin, p.Classes.Fragment));
}
