using System.Net;
using Breakwater.Bgp;

namespace Breakwater.IntegrationTests.Bgp;

/// <summary>One BIRD and one Breakwater speaker connected to it, shared by every BIRD test of a run.</summary>
public sealed class BirdFixture : IAsyncLifetime
{
    internal BirdPeer? Bird { get; private set; }

    internal BgpSpeaker? Speaker { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (!BirdPeer.IsInstalled)
        {
            return;
        }

        Bird = await BirdPeer.StartAsync();
        Speaker = new BgpSpeaker(new BgpSpeakerOptions
        {
            LocalAs = 65000,
            RouterId = IPAddress.Parse("192.0.2.1"),
            HoldTime = TimeSpan.FromSeconds(9),
            ReconnectDelay = TimeSpan.FromMilliseconds(200),
            MaxReconnectDelay = TimeSpan.FromSeconds(1),
            Neighbors =
            [
                new BgpNeighborOptions
                {
                    Address = IPAddress.Parse(Bird.Address), Port = Bird.Port, RemoteAs = 65001, LocalAddress = IPAddress.Loopback,
                },
            ],
        });
        Speaker.Start();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await Speaker.Peers[0].WaitForStateAsync(BgpPeerState.Established, timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (Speaker is not null)
        {
            await Speaker.DisposeAsync();
        }

        if (Bird is not null)
        {
            await Bird.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BirdCollection : ICollectionFixture<BirdFixture>
{
    public const string Name = "bird";
}
