using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Breakwater.Alerts.Channels;

/// <summary>A Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat …): <c>{"text": "…"}</c> with the readable summary.</summary>
internal sealed class SlackChannel(HttpClient http, Uri url) : IAlertChannel
{
    public async Task SendAsync(AlertEvent alert, CancellationToken cancellationToken)
    {
        var incident = alert.Incident();
        var icon = alert.Name == "incident.ended" ? ":white_check_mark:" : ":rotating_light:";
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("text", $"{icon} *{AlertText.Subject(alert, incident)}*\n{AlertText.Body(alert, incident)}");
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
