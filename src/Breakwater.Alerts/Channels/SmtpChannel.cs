using Breakwater.Configuration;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Breakwater.Alerts.Channels;

/// <summary>A mail per event through an SMTP server (MailKit): readable subject and body, the event JSON below it.</summary>
internal sealed class SmtpChannel(AlertChannelSettings settings) : IAlertChannel
{
    public async Task SendAsync(AlertEvent alert, CancellationToken cancellationToken)
    {
        var incident = alert.Subject is null ? alert.Incident() : null;
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From!));
        foreach (var to in settings.To)
        {
            message.To.Add(MailboxAddress.Parse(to));
        }

        message.Subject = alert.Subject ?? AlertText.Subject(alert, incident!);
        message.Body = new TextPart("plain") { Text = (alert.Body ?? AlertText.Body(alert, incident!)) + "\n\n-- \nEvent JSON:\n" + alert.Json + "\n" };
        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        var security = settings.Tls switch
        {
            "none" => SecureSocketOptions.None,
            "starttls" => SecureSocketOptions.StartTls,
            "tls" => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTlsWhenAvailable,
        };
        await client.ConnectAsync(settings.Host!, settings.Port, security, cancellationToken);
        if (settings.Username is { } user)
        {
            await client.AuthenticateAsync(user, settings.Password!, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
