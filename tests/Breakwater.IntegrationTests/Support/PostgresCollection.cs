namespace Breakwater.IntegrationTests.Support;

/// <summary>Test classes that need PostgreSQL share one cluster per run.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    public const string Name = "postgres";
}
