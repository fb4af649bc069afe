using System.Net.Http.Headers;
using Breakwater.Outages;

namespace Breakwater.Cli;

/// <summary>Fetches <c>GET /api/v1/timeline?from=&amp;to=</c> from a running daemon.</summary>
internal static class TimelineClient
{
    public static async Task<(string? Json, int ExitCode)> FetchAsync(string server, string? token, DateTimeOffset from, DateTimeOffset to, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(server, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
        {
            await stderr.WriteLineAsync($"breakwater: --server must be an http(s) URL such as http://127.0.0.1:8080 (got '{server}').");
            return (null, ExitCodes.BadUsage);
        }

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var uri = new Uri(baseUri, $"/api/v1/timeline?from={Uri.EscapeDataString(Rfc3339.Format(from))}&to={Uri.EscapeDataString(Rfc3339.Format(to))}");
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                await stderr.WriteLineAsync($"breakwater: {uri} answered {(int)response.StatusCode} {response.ReasonPhrase}{(response.StatusCode == System.Net.HttpStatusCode.Unauthorized ? "; give a read token with --token" : "")}.");
                return (null, ExitCodes.RuntimeFailure);
            }

            return (body, ExitCodes.Ok);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync($"breakwater: {baseUri} did not answer within {client.Timeout.TotalSeconds:0} s; is the daemon running and its API reachable?");
            return (null, ExitCodes.RuntimeFailure);
        }
        catch (HttpRequestException e)
        {
            await stderr.WriteLineAsync($"breakwater: cannot reach {baseUri}: {e.Message.TrimEnd('.')}; is the daemon running with its API on that address?");
            return (null, ExitCodes.RuntimeFailure);
        }
    }
}
