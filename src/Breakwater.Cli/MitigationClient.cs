using System.Net.Http.Headers;
using Breakwater.Cli.Errors;
using Breakwater.Configuration;

namespace Breakwater.Cli;

/// <summary>
/// The daemon's <c>/api/v1/mitigations</c> for the <c>mitigation</c> commands. Where: <c>--server URL</c>, else the
/// <c>api.listen</c> of <c>--config FILE</c>, else http://127.0.0.1:8080. Token: <c>--token</c>, else
/// <c>BREAKWATER_TOKEN</c>, else from <c>--config</c> (an admin token for writes, any token for reads).
/// </summary>
internal sealed class MitigationClient
{
    private readonly Uri _base;
    private readonly string? _token;

    private MitigationClient(Uri baseUri, string? token)
    {
        _base = baseUri;
        _token = token;
    }

    public static MitigationClient Create(string? server, string? token, string? configPath, bool write)
    {
        BreakwaterConfig? config = null;
        if (configPath is not null)
        {
            config = ConfigLoader.LoadFile(configPath);
        }

        var text = server ?? (config is null ? "http://127.0.0.1:8080" : "http://" + Authority(config.Api.Listen));
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw CliError.Usage($"--server must be an http(s) URL such as http://127.0.0.1:8080 (got '{text}').");
        }

        token ??= Environment.GetEnvironmentVariable("BREAKWATER_TOKEN");
        token ??= config?.Api.Tokens.FirstOrDefault(t => t.Role == ApiRole.Admin)?.Token
            ?? (write || config is null || config.Api.Tokens.Count == 0 ? null : config.Api.Tokens[0].Token);
        return new MitigationClient(uri, token);
    }

    public async Task<string> SendAsync(HttpMethod method, string path, string? body, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var uri = new Uri(_base, path);
        using var request = new HttpRequestMessage(method, uri);
        if (_token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return text;
            }

            var detail = Detail(text) ?? response.ReasonPhrase;
            var hint = response.StatusCode switch
            {
                System.Net.HttpStatusCode.Unauthorized => "; give a token with --token, BREAKWATER_TOKEN or --config",
                System.Net.HttpStatusCode.Forbidden => "; this needs an admin token",
                _ => string.Empty,
            };
            throw CliError.Runtime($"{method} {uri.AbsolutePath} answered {(int)response.StatusCode}: {detail?.TrimEnd('.')}{hint}.");
        }
        catch (HttpRequestException e)
        {
            throw CliError.Runtime($"cannot reach the daemon at {_base}: {e.Message.TrimEnd('.')}; is breakwater run listening there (--server)?", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw CliError.Runtime($"the daemon at {_base} did not answer within 30 s.", e);
        }
    }

    private static string? Detail(string body)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string Authority(System.Net.IPEndPoint endpoint)
    {
        var address = endpoint.Address.Equals(System.Net.IPAddress.Any) ? System.Net.IPAddress.Loopback
            : endpoint.Address.Equals(System.Net.IPAddress.IPv6Any) ? System.Net.IPAddress.IPv6Loopback : endpoint.Address;
        return new System.Net.IPEndPoint(address, endpoint.Port).ToString();
    }
}
