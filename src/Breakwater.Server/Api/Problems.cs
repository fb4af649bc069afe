using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Breakwater.Server.Api;

/// <summary>RFC 9457 problem details (<c>application/problem+json</c>) for every error the API returns.</summary>
internal static class Problems
{
    public const string ContentType = "application/problem+json";

    public static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        if (status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"breakwater\"";
        }

        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteString("type", "about:blank");
        writer.WriteString("title", title);
        writer.WriteNumber("status", status);
        writer.WriteString("detail", detail);
        writer.WriteString("instance", context.Request.Path.Value);
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    public static IResult Result(int status, string title, string detail) =>
        Results.Problem(type: "about:blank", title: title, statusCode: status, detail: detail);

    public static IResult NotFound(string detail) => Result(StatusCodes.Status404NotFound, "Not Found", detail);

    public static IResult BadRequest(string detail) => Result(StatusCodes.Status400BadRequest, "Bad Request", detail);
}
