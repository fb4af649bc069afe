using System.Net.Http.Headers;
using System.Text;

namespace Breakwater.Alerts.Channels;

/// <summary>POSTs the incident event JSON (exactly the event stream's line) to a URL; any 2xx answer is success.</summary>
internal sealed class WebhookChannel(HttpClient http, Uri url, IReadOnlyDictionary<string, string> headers) : IAlertChannel
{
    public async Task SendAsync(AlertEvent alert, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(alert.Json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.TryAddWithoutValidation("X-Breakwater-Event", alert.Name);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"the receiver answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        }
    }
}
