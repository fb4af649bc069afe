namespace Breakwater.IntegrationTests.Api;

/// <summary>API, metrics and dashboard tests share one daemon (and one browser) per run.</summary>
[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "daemon-server";
}
