using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Breakwater.IntegrationTests.Support;

/// <summary>
/// A real PostgreSQL for the store tests. <c>./run-tests</c> starts one throwaway cluster and passes its connection
/// string in <see cref="EnvironmentVariable"/>; without it (plain <c>dotnet test</c>) this fixture starts its own on a
/// free loopback port (Debian <c>postgresql</c>, as the <c>postgres</c> user when run as root) and stops it at the end.
/// Every test gets a database of its own from <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    public const string EnvironmentVariable = "BREAKWATER_TEST_POSTGRES";

    private string? _directory;
    private string? _bin;

    /// <summary>A superuser connection to the cluster's <c>postgres</c> database.</summary>
    public string AdminConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } given)
        {
            AdminConnectionString = given;
            return;
        }

        _bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).Max()
            : null;
        if (_bin is null)
        {
            throw new InvalidOperationException("PostgreSQL is not installed (Debian package postgresql; ./run-tests installs it).");
        }

        _directory = Directory.CreateTempSubdirectory("bw-store-pg-").FullName;
        var port = FreeTcpPort();
        var root = Environment.UserName == "root";
        if (root)
        {
            await RunAsync("chown", "postgres", _directory);
        }

        var data = Path.Combine(_directory, "data");
        await RunAsUserAsync(root, Path.Combine(_bin, "initdb"), "-D", data, "-A", "trust", "-U", "postgres", "--no-sync");
        await RunAsUserAsync(root, Path.Combine(_bin, "pg_ctl"), "-D", data, "-l", Path.Combine(_directory, "log"), "-w",
            "-o", $"-k {_directory} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off", "start");
        AdminConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    /// <summary>Creates an empty database for one test and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "bw_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_directory is null || _bin is null)
        {
            return;
        }

        try
        {
            await RunAsUserAsync(Environment.UserName == "root", Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_directory, "data"), "-m", "fast", "-w", "stop");
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task RunAsUserAsync(bool root, string program, params string[] args) =>
        root ? RunAsync("runuser", ["-u", "postgres", "--", program, .. args]) : RunAsync(program, args);

    private static async Task RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {process.ExitCode}: {await error}{await output}");
        }
    }
}
