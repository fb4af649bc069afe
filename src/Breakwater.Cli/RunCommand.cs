using System.CommandLine;
using Breakwater.Cli.Errors;
using Breakwater.Configuration;
using Breakwater.Ingest;
using Breakwater.Server;

namespace Breakwater.Cli;

/// <summary><c>breakwater run --config breakwater.yaml</c>: the daemon (collectors, detection, event stream, store, API, metrics, dashboard).</summary>
internal static class RunCommand
{
    public static Command Create(Option<bool> verbose, TextWriter stdout, TextWriter stderr)
    {
        var config = new Option<string>("--config") { Description = "breakwater.yaml (see docs/configuration.md).", Required = true };
        var command = new Command("run", "Run the daemon: flow collectors, detection, the JSON-lines event stream, store, REST API, metrics and dashboard.") { config };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(config)!, stdout, stderr, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string configPath, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var config = ConfigLoader.LoadFile(configPath);
        if (config.Collectors.SFlowListen.Count + config.Collectors.NetFlowListen.Count == 0 && config.Collectors.PcapInterface is null)
        {
            throw CliError.Usage($"{configPath} has no collectors; add collectors.sflow.listen, collectors.netflow.listen or collectors.pcap.interface (see docs/configuration.md).");
        }

        var eventsFile = config.Events.File;
        if (eventsFile != "-")
        {
            CliPaths.RequireOutputFile(eventsFile, "events.file", [configPath]);
        }

        var events = eventsFile == "-" ? null : new StreamWriter(eventsFile, append: true);
        try
        {
            using var stream = new EventStreamWriter(events ?? stdout, TimeProvider.System, eventsFile);
            return await RunHostAsync(config, configPath, stream, cancellationToken);
        }
        finally
        {
            if (events is not null)
            {
                CloseQuietly(events);
            }
        }
    }

    private static async Task<int> RunHostAsync(BreakwaterConfig config, string configPath, EventStreamWriter stream, CancellationToken cancellationToken)
    {
        BreakwaterServer server;
        try
        {
            server = await BreakwaterServer.CreateAsync(config, new ServerOptions { Events = TextWriter.Null, EventStream = stream }, cancellationToken);
        }
        catch (CaptureFormatException e)
        {
            // A live-capture interface that cannot be used is a configuration matter here.
            throw CliError.Usage($"{e.Message.TrimEnd('.')}; check collectors.pcap.interface in {configPath}.", e);
        }

        await using (server)
        {
            // SIGTERM and SIGINT stop the host cleanly: interrupted incidents, final collector.stats, store flushed, then exit 0.
            await server.RunAsync(cancellationToken);
        }

        if (stream.Failure is { } failure)
        {
            throw failure;
        }

        return ExitCodes.Ok;
    }

    // After a failed write the buffer still holds the line; flushing it again on close would hide the first error.
    private static void CloseQuietly(StreamWriter events)
    {
        try
        {
            events.Dispose();
        }
        catch (IOException)
        {
        }
    }
}
