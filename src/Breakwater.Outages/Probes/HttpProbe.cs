using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Breakwater.Outages.Probes;

/// <summary>
/// HTTP(S) GET over its own socket so that each phase is timed on its own: DNS, TCP connect, TLS handshake and the
/// first byte of the response; then status, body text and the certificate's expiry. HTTP/1.1 with Connection: close.
/// </summary>
public sealed class HttpProbe(ProbeSpec spec, TimeProvider time) : IProbe
{
    /// <summary>Response bytes read at most; a body check looks at no more than this.</summary>
    public const int MaxResponseBytes = 256 * 1024;

    private readonly Uri _uri = new(spec.Target);

    public ProbeSpec Spec { get; } = spec;

    public async Task<ProbeResult> AttemptAsync(string vantage, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var watch = Stopwatch.StartNew();
        double? dns = null, connect = null, tls = null, firstByte = null, certDays = null;
        ProbeResult Fail(string error, int? status = null) => new()
        {
            Probe = Spec.Name, Vantage = vantage, Time = started, Success = false, Error = error, Status = status,
            DnsMs = dns, ConnectMs = connect, TlsMs = tls, FirstByteMs = firstByte, CertDaysLeft = certDays,
        };

        IPAddress address;
        var mark = watch.Elapsed;
        try
        {
            address = IPAddress.TryParse(_uri.DnsSafeHost, out var literal)
                ? literal
                : (await Dns.GetHostAddressesAsync(_uri.DnsSafeHost, cancellationToken)).OrderBy(a => a.AddressFamily == AddressFamily.InterNetworkV6).First();
        }
        catch (Exception e) when (e is SocketException or InvalidOperationException)
        {
            return Fail($"dns: {e.Message}");
        }

        dns = Ms(watch.Elapsed - mark);
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        mark = watch.Elapsed;
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, _uri.Port), cancellationToken);
        }
        catch (SocketException e)
        {
            return Fail($"connect: {e.SocketErrorCode}");
        }

        connect = Ms(watch.Elapsed - mark);
        Stream stream = new NetworkStream(socket, ownsSocket: false);
        try
        {
            if (_uri.Scheme == Uri.UriSchemeHttps)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                mark = watch.Elapsed;
                var options = new SslClientAuthenticationOptions
                {
                    TargetHost = _uri.DnsSafeHost,
                    RemoteCertificateValidationCallback = (_, _, _, errors) => Spec.Insecure || errors == SslPolicyErrors.None,
                };
                try
                {
                    await ssl.AuthenticateAsClientAsync(options, cancellationToken);
                }
                catch (Exception e) when (e is System.Security.Authentication.AuthenticationException or IOException)
                {
                    return Fail($"tls: {e.Message}");
                }

                tls = Ms(watch.Elapsed - mark);
                if (ssl.RemoteCertificate is { } certificate)
                {
                    using var x509 = new X509Certificate2(certificate);
                    certDays = Math.Round((x509.NotAfter.ToUniversalTime() - started.UtcDateTime).TotalDays, 1);
                }
            }

            var host = _uri.IsDefaultPort ? _uri.Host : $"{_uri.Host}:{_uri.Port}";
            var request = Encoding.ASCII.GetBytes(
                $"GET {_uri.PathAndQuery} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: breakwater-probe\r\nAccept: */*\r\nConnection: close\r\n\r\n");
            mark = watch.Elapsed;
            await stream.WriteAsync(request, cancellationToken);
            var (status, body, error) = await ReadResponseAsync(stream, () => firstByte ??= Ms(watch.Elapsed - mark), cancellationToken);
            var total = Ms(watch.Elapsed);
            if (error is not null)
            {
                return Fail(error, status);
            }

            var expected = Spec.ExpectStatus.Count > 0 ? Spec.ExpectStatus.Contains(status) : status is >= 200 and < 400;
            string? problem = !expected ? $"http: status {status}"
                : Spec.BodyContains is { } text && !body.Contains(text, StringComparison.Ordinal) ? $"http: body does not contain '{text}'"
                : null;
            var warning = certDays is { } days && days < Spec.CertMinDays ? $"certificate expires in {days:0.#} days" : null;
            return new ProbeResult
            {
                Probe = Spec.Name, Vantage = vantage, Time = started, Success = problem is null, Error = problem ?? warning, Status = status,
                LatencyMs = total, DnsMs = dns, ConnectMs = connect, TlsMs = tls, FirstByteMs = firstByte, CertDaysLeft = certDays,
            };
        }
        catch (IOException e)
        {
            return Fail($"http: {e.Message}");
        }
        finally
        {
            await stream.DisposeAsync();
        }
    }

    private static async Task<(int Status, string Body, string? Error)> ReadResponseAsync(Stream stream, Action onFirstByte, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxResponseBytes];
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                break;
            }

            onFirstByte();
            filled += read;
            if (Complete(buffer.AsSpan(0, filled)))
            {
                break;
            }
        }

        var data = buffer.AsSpan(0, filled);
        if (!HttpResponseHead.TryParse(data, out var status, out _, out var chunked, out var bodyStart) || status < 0)
        {
            return (0, "", filled == 0 ? "http: connection closed without a response" : "http: not an HTTP/1.x response");
        }

        var body = chunked ? HttpResponseHead.Dechunk(data[bodyStart..], out _) : data[bodyStart..].ToArray();
        return (status, Encoding.UTF8.GetString(body), null);
    }

    private static bool Complete(ReadOnlySpan<byte> data)
    {
        if (!HttpResponseHead.TryParse(data, out var status, out var length, out var chunked, out var bodyStart) || status < 0)
        {
            return false;
        }

        if (chunked)
        {
            HttpResponseHead.Dechunk(data[bodyStart..], out var complete);
            return complete;
        }

        return length is { } l && data.Length - bodyStart >= l;
    }

    private static double Ms(TimeSpan span) => Math.Round(span.TotalMilliseconds, 2);
}
