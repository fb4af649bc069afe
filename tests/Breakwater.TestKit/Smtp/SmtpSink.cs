using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Breakwater.TestKit.Smtp;

/// <summary>
/// A minimal SMTP server on 127.0.0.1 for tests: answers EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP and QUIT, keeps
/// each message's envelope and raw data. No TLS, no authentication.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<SmtpMessage> _messages = [];
    private readonly Task _accepting;

    public SmtpSink()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    public IReadOnlyList<SmtpMessage> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = Task.Run(() => ServeAsync(client));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 localhost breakwater test sink");
        string? from = null;
        var to = new List<string>();
        try
        {
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-localhost");
                        await writer.WriteLineAsync("250 8BITMIME");
                        break;
                    case "HELO":
                        await writer.WriteLineAsync("250 localhost");
                        break;
                    case "MAIL":
                        from = line[(line.IndexOf(':') + 1)..].Trim().Trim('<', '>');
                        await writer.WriteLineAsync("250 ok");
                        break;
                    case "RCPT":
                        to.Add(line[(line.IndexOf(':') + 1)..].Trim().Trim('<', '>'));
                        await writer.WriteLineAsync("250 ok");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                        {
                            data.AppendLine(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine);
                        }

                        lock (_messages)
                        {
                            _messages.Add(new SmtpMessage(from ?? "", [.. to], data.ToString()));
                        }

                        to.Clear();
                        await writer.WriteLineAsync("250 queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 bye");
                        return;
                    default:
                        await writer.WriteLineAsync("250 ok");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
#pragma warning disable VSTHRD003 // started by this object's constructor
        await _accepting;
#pragma warning restore VSTHRD003
        _stop.Dispose();
    }
}

/// <summary>One message the sink received: envelope sender, recipients and the raw message (headers and body).</summary>
public sealed record SmtpMessage(string From, IReadOnlyList<string> To, string Data);
