using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Breakwater.Server.Api;

/// <summary>A JSON body written directly (incidents go through Core's own serializer, not the API's options).</summary>
internal sealed class JsonBodyResult(Action<Utf8JsonWriter> write) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter);
        write(writer);
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}
