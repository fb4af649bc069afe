using System.Diagnostics;
using System.Globalization;
using System.Net;
using Breakwater.Bgp;
using Breakwater.Wire;
using Breakwater.Wire.Bgp;

namespace Breakwater.Benchmarks.Bgp;

/// <summary>
/// <c>bgp-rules BIRD_ADDRESS BIRD_PORT BIRD_CTL COUNT</c> (run by bench/bgp-10k-rules.sh): announce COUNT distinct FlowSpec
/// rules (destination /32, UDP, source port) to a BIRD that waits passively, time until BIRD holds them all, withdraw them,
/// time until it holds none; prints the times and this process's memory.
/// </summary>
internal static class BgpRulesRun
{
    public static async Task RunAsync(string address, int port, string control, int count, TextWriter output)
    {
        await using var speaker = new BgpSpeaker(new BgpSpeakerOptions
        {
            LocalAs = 65000,
            RouterId = IPAddress.Parse("192.0.2.1"),
            Neighbors = [new BgpNeighborOptions { Address = IPAddress.Parse(address), Port = port, RemoteAs = 65001, LocalAddress = IPAddress.Loopback }],
        });
        speaker.Start();
        using (var up = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await speaker.Peers[0].WaitForStateAsync(BgpPeerState.Established, up.Token);
        }

        var routes = Enumerable.Range(0, count).Select(i => BgpRoute.FlowSpec(new FlowSpecRule(false,
        [
            FlowSpecComponent.Destination(new BgpPrefix(NetAddress.FromV4(0xC6336400u + (uint)(i / 1000)), 32)),
            FlowSpecComponent.Of(FlowSpecComponentType.IpProtocol, FlowSpecOperand.Equal(17)),
            FlowSpecComponent.Of(FlowSpecComponentType.SourcePort, FlowSpecOperand.Equal((ulong)(1 + (i % 1000)))),
        ]), [FlowSpecAction.Discard])).ToList();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        foreach (var route in routes)
        {
            speaker.Announce(route);
        }

        var queued = watch.Elapsed;
        await WaitForCountAsync(control, count);
        var announced = watch.Elapsed;
        var held = GC.GetTotalMemory(forceFullCollection: true) - before;
        var birdMemory = await BirdcAsync(control, "show", "memory");
        output.WriteLine("BIRD with all rules: " + string.Join("; ", birdMemory.Split('\n').Where(l => l.Contains("Total", StringComparison.Ordinal)
            || l.Contains("Routing tables", StringComparison.Ordinal)).Select(l => l.Trim())));
        watch.Restart();
        speaker.WithdrawAll();
        await WaitForCountAsync(control, 0);
        var withdrawn = watch.Elapsed;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rules {count}: announce queued {queued.TotalMilliseconds:0} ms, all in BIRD after {announced.TotalMilliseconds:0} ms; "
            + $"withdrawn from BIRD after {withdrawn.TotalMilliseconds:0} ms; speaker table {held / 1024.0 / 1024.0:0.0} MiB managed, "
            + $"process RSS {Environment.WorkingSet / 1024.0 / 1024.0:0} MiB"));
    }

    /// <summary>Polls <c>birdc show route table flowtab4 count</c> until it says <paramref name="count"/> routes.</summary>
    private static async Task WaitForCountAsync(string control, int count)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(5))
        {
            var text = await BirdcAsync(control, "show", "route", "table", "flowtab4", "count");
            var match = System.Text.RegularExpressions.Regex.Match(text, @"(\d+) of (\d+) routes");
            if (match.Success && int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) == count)
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"BIRD did not reach {count} routes within 5 minutes.");
    }

    private static async Task<string> BirdcAsync(string control, params string[] args)
    {
        var start = new ProcessStartInfo("birdc", ["-s", control, .. args]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return text;
    }
}
