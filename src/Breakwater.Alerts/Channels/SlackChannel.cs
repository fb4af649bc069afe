using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Breakwater.Alerts.Channels;

/// <summary>A Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat …): <c>{"text": "…"}</c> with the readable summary.</summary>
internal sealed class SlackChannel(HttpClient http, Uri url) : IAlertChannel
{
    public async Task SendAsync(AlertEvent alert, CancellationToken cancellationToken)
    {
        var icon = alert.Name is "incident.ended" or "mitigation.withdrawn" ? ":white_check_mark:" : ":rotating_light:";
        var text = alert.Subject is { } subject
            ? $"{icon} *{subject}*\n{alert.Body}"
            : $"{icon} *{AlertText.Subject(alert, alert.Incident())}*\n{AlertText.Body(alert, alert.Incident())}";
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("text", text);
            writer.WriteEndObject();
        }

        using var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = Encoding.UTF8.WebName };
        using var response = await http.PostAsync(url, content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"the receiver answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        }
    }
}
