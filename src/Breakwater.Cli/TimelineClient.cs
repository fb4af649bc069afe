using System.Net.Http.Headers;
using Breakwater.Cli.Errors;
using Breakwater.Outages;

namespace Breakwater.Cli;

/// <summary>Fetches <c>GET /api/v1/timeline?from=&amp;to=</c> from a running daemon.</summary>
internal static class TimelineClient
{
    public static async Task<string> FetchAsync(string server, string? token, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(server, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
        {
            throw CliError.Usage($"--server must be an http(s) URL such as http://127.0.0.1:8080 (got '{server}').");
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
                throw CliError.Runtime($"{uri} answered {(int)response.StatusCode} {response.ReasonPhrase}{(response.StatusCode == System.Net.HttpStatusCode.Unauthorized ? "; give a read token with --token" : "")}.");
            }

            return body;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw CliError.Runtime($"{baseUri} did not answer within {client.Timeout.TotalSeconds:0} s; is the daemon running and its API reachable?");
        }
        catch (HttpRequestException e)
        {
            throw CliError.Runtime($"cannot reach {baseUri}: {e.Message.TrimEnd('.')}; is the daemon running with its API on that address?");
        }
    }
}
