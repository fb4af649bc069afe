using System.Net.Http.Headers;
using System.Text.Json;

namespace Breakwater.Outages.Probes;

/// <summary>
/// A probe agent's link to its central daemon: posts each result to <c>POST /api/v1/probes/results</c> with the
/// agent's bearer token. A failed post is counted, never thrown: the agent keeps probing.
/// </summary>
public sealed class ProbeReporter(HttpClient client, Uri central, string? token, string vantage) : IDisposable
{
    public long Sent { get; private set; }

    public long Failed { get; private set; }

    public async Task ReportAsync(ProbeResult result, TimeSpan interval, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ProbeResultJson.WriteBatch(writer, vantage, [(result, interval)]);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(central, "/api/v1/probes/results"))
        {
            Content = new ByteArrayContent(buffer.ToArray()) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                Sent++;
            }
            else
            {
                Failed++;
            }
        }
        catch (HttpRequestException)
        {
            Failed++;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Failed++;
        }
    }

    public void Dispose() => client.Dispose();
}
