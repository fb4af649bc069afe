using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Breakwater.Outages.Probes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Breakwater.IntegrationTests.Outages;

/// <summary>
/// Local services the probe tests check and break on demand, started once per run: Kestrel on 127.0.0.1 (HTTP and
/// HTTPS with a self-signed certificate expiring in 5 days; <c>/health</c>, <c>/slow</c>, <c>/body</c>, <c>/flaky</c>),
/// a small DNS responder on UDP (<c>up.example</c> has an A record, other names are NXDOMAIN), and a closed port.
/// </summary>
public sealed class ProbeTargets : IAsyncLifetime
{
    private readonly CancellationTokenSource _stop = new();
    private WebApplication? _web;
    private Socket? _dns;
    private Task? _dnsLoop;

    private volatile bool _broken;

    /// <summary>While true, <c>/flaky</c> answers 503 and the DNS responder stays silent.</summary>
    public bool Broken
    {
        get => _broken;
        set => _broken = value;
    }

    public int HttpPort { get; private set; }

    public int HttpsPort { get; private set; }

    public int DnsPort { get; private set; }

    public int ClosedPort { get; private set; }

    public string Http(string path) => $"http://127.0.0.1:{HttpPort}{path}";

    public async ValueTask InitializeAsync()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var generated = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(5));
        var certificate = X509CertificateLoader.LoadPkcs12(generated.Export(X509ContentType.Pfx), null);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Listen(IPAddress.Loopback, 0, o => o.UseHttps(certificate));
        });
        _web = builder.Build();
        _web.MapGet("/health", () => "ok");
        _web.MapGet("/body", () => "down for maintenance");
        _web.MapGet("/slow", async (CancellationToken ct) =>
        {
            await Task.Delay(1500, ct);
            return "ok";
        });
        _web.MapGet("/flaky", () => Broken ? Results.StatusCode(503) : Results.Text("ok"));
        await _web.StartAsync();
        var ports = _web.Urls.Select(u => new Uri(u)).ToList();
        HttpPort = ports.Single(u => u.Scheme == "http").Port;
        HttpsPort = ports.Single(u => u.Scheme == "https").Port;

        _dns = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _dns.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        DnsPort = ((IPEndPoint)_dns.LocalEndPoint!).Port;
        _dnsLoop = Task.Run(() => AnswerAsync(_dns, _stop.Token));

        using var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        ClosedPort = ((IPEndPoint)closed.LocalEndPoint!).Port; // bound, never listening, then closed: connections are refused
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _dns?.Dispose();
        if (_dnsLoop is not null)
        {
            await _dnsLoop.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        if (_web is not null)
        {
            await _web.StopAsync();
            await _web.DisposeAsync();
        }

        _stop.Dispose();
    }

    /// <summary>Answers A queries: header and question copied, one A record (192.0.2.1) for up.example, NXDOMAIN otherwise.</summary>
    private async Task AnswerAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[512];
        while (!cancellationToken.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (Broken || received.ReceivedBytes < DnsMessage.HeaderLength + 5)
            {
                continue;
            }

            var query = buffer.AsSpan(0, received.ReceivedBytes);
            var questionEnd = DnsMessage.HeaderLength;
            while (questionEnd < query.Length && query[questionEnd] != 0)
            {
                questionEnd += query[questionEnd] + 1;
            }

            questionEnd += 5;
            var name = System.Text.Encoding.ASCII.GetString(query[(DnsMessage.HeaderLength + 1)..(questionEnd - 5)]);
            var found = name.StartsWith("up", StringComparison.Ordinal);
            var reply = new byte[questionEnd + (found ? 16 : 0)];
            query[..questionEnd].CopyTo(reply);
            reply[2] = 0x81; // QR, RD
            reply[3] = (byte)(found ? 0x80 : 0x83); // RA, NOERROR or NXDOMAIN
            reply[7] = (byte)(found ? 1 : 0);
            if (found)
            {
                byte[] answer = [0xC0, 0x0C, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 1];
                answer.CopyTo(reply, questionEnd);
            }

            await socket.SendToAsync(reply, received.RemoteEndPoint, cancellationToken);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ProbeTargetsCollection : ICollectionFixture<ProbeTargets>
{
    public const string Name = "probe targets";
}
