using Breakwater.Outages.Probes;

namespace Breakwater.IntegrationTests.Outages;

/// <summary>Each probe kind against real local services, working and broken.</summary>
[Collection(ProbeTargetsCollection.Name)]
public sealed class ProbeTests(ProbeTargets targets)
{
    private static Task<ProbeResult> Round(ProbeSpec spec) =>
        ProbeRunner.RoundAsync(ProbeRunner.Create(spec, TimeProvider.System), "test", TimeProvider.System, TestContext.Current.CancellationToken);

    private static ProbeSpec Spec(ProbeKind kind, string target) => new() { Name = "p", Kind = kind, Target = target, Timeout = TimeSpan.FromSeconds(2), Retries = 0 };

    [Fact]
    public async Task Http_HealthyEndpoint_UpWithStatusAndPhaseTimings()
    {
        var r = await Round(Spec(ProbeKind.Http, targets.Http("/health")) with { BodyContains = "ok" });

        Assert.True(r.Success, r.Error);
        Assert.Equal(200, r.Status);
        Assert.NotNull(r.ConnectMs);
        Assert.NotNull(r.FirstByteMs);
        Assert.Null(r.TlsMs);
        Assert.True(r.LatencyMs >= r.FirstByteMs);
    }

    [Fact]
    public async Task Https_SelfSignedCertificate_RefusedUnlessInsecure_ExpiryReported()
    {
        var url = $"https://127.0.0.1:{targets.HttpsPort}/health";

        var strict = await Round(Spec(ProbeKind.Http, url));
        var insecure = await Round(Spec(ProbeKind.Http, url) with { Insecure = true });

        Assert.False(strict.Success);
        Assert.StartsWith("tls:", strict.Error);
        Assert.True(insecure.Success, insecure.Error);
        Assert.NotNull(insecure.TlsMs);
        Assert.InRange(insecure.CertDaysLeft!.Value, 4, 5.1);
        Assert.Contains("certificate expires in", insecure.Error); // a warning: under cert_min_days (14)
    }

    [Fact]
    public async Task Http_BodyCheckAndStatus_FailWithAReason()
    {
        var body = await Round(Spec(ProbeKind.Http, targets.Http("/body")) with { BodyContains = "ok" });
        var status = await Round(Spec(ProbeKind.Http, targets.Http("/nothing-here")));

        Assert.Equal("http: body does not contain 'ok'", body.Error);
        Assert.Equal("http: status 404", status.Error);
    }

    [Fact]
    public async Task Http_SlowEndpoint_TimesOutAfterEachRetry()
    {
        var r = await Round(Spec(ProbeKind.Http, targets.Http("/slow")) with { Timeout = TimeSpan.FromMilliseconds(300), Retries = 1 });

        Assert.False(r.Success);
        Assert.Equal("timeout after 300 ms", r.Error);
        Assert.Equal(2, r.Attempts);
    }

    [Fact]
    public async Task Tcp_OpenAndClosedPorts()
    {
        var open = await Round(Spec(ProbeKind.Tcp, $"127.0.0.1:{targets.HttpPort}"));
        var closed = await Round(Spec(ProbeKind.Tcp, $"127.0.0.1:{targets.ClosedPort}"));

        Assert.True(open.Success, open.Error);
        Assert.Equal("connect: ConnectionRefused", closed.Error);
    }

    [Fact]
    public async Task Dns_AnsweredNameUp_NxDomainDown()
    {
        var server = $"127.0.0.1:{targets.DnsPort}";

        var up = await Round(Spec(ProbeKind.Dns, "up.example") with { Server = server });
        var nx = await Round(Spec(ProbeKind.Dns, "gone.example") with { Server = server });

        Assert.True(up.Success, up.Error);
        Assert.NotNull(up.LatencyMs);
        Assert.Equal("dns: NXDOMAIN", nx.Error);
    }

    [Fact]
    public async Task Icmp_Loopback_Answers()
    {
        var r = await Round(Spec(ProbeKind.Icmp, "127.0.0.1"));

        Assert.True(r.Success, r.Error);
    }
}
