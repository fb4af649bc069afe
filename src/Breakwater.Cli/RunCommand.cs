using System.CommandLine;
using System.Net.Sockets;
using Breakwater.Configuration;
using Breakwater.Server;

namespace Breakwater.Cli;

/// <summary><c>breakwater run --config breakwater.yaml</c>: the daemon (collectors, detection, event stream, store, API, metrics, dashboard).</summary>
internal static class RunCommand
{
    public static Command Create(Option<bool> verbose, TextWriter stdout, TextWriter stderr)
    {
        var config = new Option<string>("--config") { Description = "breakwater.yaml (see docs/configuration.md).", Required = true };
        var command = new Command("run", "Run the daemon: flow collectors, detection, the JSON-lines event stream, store, REST API, metrics and dashboard.") { config };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(config)!, parse.GetValue(verbose), stdout, stderr, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string configPath, bool verbose, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        BreakwaterConfig config;
        try
        {
            config = ConfigLoader.LoadFile(configPath);
        }
        catch (ConfigException e)
        {
            await stderr.WriteLineAsync($"breakwater: {e.Message}");
            return ExitCodes.BadUsage;
        }

        if (config.Collectors.SFlowListen.Count + config.Collectors.NetFlowListen.Count == 0 && config.Collectors.PcapInterface is null)
        {
            await stderr.WriteLineAsync($"breakwater: {configPath} has no collectors; add collectors.sflow.listen, collectors.netflow.listen or collectors.pcap.interface (see docs/configuration.md).");
            return ExitCodes.BadUsage;
        }

        TextWriter events;
        try
        {
            events = config.Events.File == "-" ? stdout : new StreamWriter(config.Events.File, append: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"breakwater: cannot open events.file {config.Events.File}: {e.Message}");
            return ExitCodes.RuntimeFailure;
        }

        try
        {
            // SIGTERM and SIGINT stop the host cleanly (final collector.stats, store flushed), then exit 0.
            await using var server = await BreakwaterServer.CreateAsync(config, new ServerOptions { Events = events }, cancellationToken);
            await server.RunAsync(cancellationToken);
            return ExitCodes.Ok;
        }
        catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException || e.Message.Contains("bind", StringComparison.OrdinalIgnoreCase))
        {
            await stderr.WriteLineAsync($"breakwater: cannot listen on api.listen {config.Api.Listen} as configured in {configPath}: {e.Message}");
            return ExitCodes.RuntimeFailure;
        }
        catch (Ingest.CaptureFormatException e)
        {
            await stderr.WriteLineAsync($"breakwater: {e.Message}");
            return ExitCodes.BadUsage;
        }
        catch (Storage.StoreException e)
        {
            await stderr.WriteLineAsync($"breakwater: {e.Message}");
            if (verbose)
            {
                await stderr.WriteLineAsync(e.ToString());
            }

            return ExitCodes.RuntimeFailure;
        }
        catch (SocketException e)
        {
            await stderr.WriteLineAsync($"breakwater: cannot listen as configured in {configPath}: {e.Message}");
            if (verbose)
            {
                await stderr.WriteLineAsync(e.ToString());
            }

            return ExitCodes.RuntimeFailure;
        }
        finally
        {
            if (!ReferenceEquals(events, stdout))
            {
                await events.DisposeAsync();
            }
        }
    }
}
