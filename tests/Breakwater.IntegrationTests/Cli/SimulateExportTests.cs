using System.Net;
using System.Net.Sockets;
using Breakwater.IntegrationTests.Support;

namespace Breakwater.IntegrationTests.Cli;

/// <summary><c>simulate --export</c> from the command line: it sends, and bad options get one clear sentence and exit 2.</summary>
public sealed class SimulateExportTests
{
    [Fact]
    public async Task SimulateExport_Sflow_SendsDatagramsToTheCollector()
    {
        using var receiver = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        receiver.Client.ReceiveBufferSize = 16 << 20;
        var port = ((IPEndPoint)receiver.Client.LocalEndPoint!).Port;

        var result = await CliRunner.RunAsync("simulate", Path.Combine(RepoPaths.Samples, "syn-flood.yaml"), "--export", "sflow", "--to", $"127.0.0.1:{port}",
            "--rate", "200000", "--sampling", "64");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("sflow records", result.Stdout);
        Assert.True(receiver.Available > 0);
    }

    [Theory]
    [InlineData("--export", "sflow")]
    [InlineData("--export", "sflow", "--to", "localhost:6343")]
    [InlineData("--export", "sflow", "--to", "127.0.0.1:6343", "--rate", "-5")]
    public async Task SimulateExport_BadOptions_Exit2WithOneSentence(params string[] options)
    {
        var result = await CliRunner.RunAsync(["simulate", Path.Combine(RepoPaths.Samples, "syn-flood.yaml"), .. options]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("breakwater: ", result.Stderr);
    }

    [Fact]
    public async Task SimulateExport_UnknownFormat_Exits2()
    {
        var result = await CliRunner.RunAsync("simulate", Path.Combine(RepoPaths.Samples, "syn-flood.yaml"), "--export", "netflow7", "--to", "127.0.0.1:2055");

        Assert.Equal(2, result.ExitCode);
    }
}
