using System.CommandLine;
using System.Runtime.InteropServices;
using Breakwater.Cli.Errors;
using Breakwater.Configuration;
using Breakwater.Ingest;
using Breakwater.Server;

namespace Breakwater.Cli;

/// <summary><c>breakwater run --config breakwater.yaml</c>: the daemon (collectors, detection, event stream).</summary>
internal static class RunCommand
{
    public static Command Create(Option<bool> verbose, TextWriter stdout, TextWriter stderr)
    {
        var config = new Option<string>("--config") { Description = "breakwater.yaml (see docs/configuration.md).", Required = true };
        var command = new Command("run", "Run the daemon: flow collectors, detection and the JSON-lines event stream.") { config };
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
            return await RunHostAsync(config, configPath, stream, stderr, cancellationToken);
        }
        finally
        {
            if (events is not null)
            {
                CloseQuietly(events);
            }
        }
    }

    private static async Task<int> RunHostAsync(BreakwaterConfig config, string configPath, EventStreamWriter stream, TextWriter stderr, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true; // shut down cleanly: interrupted incidents, final collector.stats, then exit 0.
            stop.Cancel();
        });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        await using var storage = config.Storage is { } storageSettings ? await DaemonStorage.OpenAsync(storageSettings, cancellationToken: stop.Token) : null;
        if (storage is not null)
        {
            await stderr.WriteLineAsync($"breakwater: store {config.Storage} (schema {storage.SchemaVersion}, {storage.Recovered.Count} open incident(s) to resume)");
        }

        DaemonHost host;
        try
        {
            host = new DaemonHost(config, stream, storage: storage);
        }
        catch (CaptureFormatException e)
        {
            // A live-capture interface that cannot be used is a configuration matter here.
            throw CliError.Usage($"{e.Message.TrimEnd('.')}; check collectors.pcap.interface in {configPath}.", e);
        }

        using (host)
        {
            foreach (var collector in host.Collectors)
            {
                await stderr.WriteLineAsync($"breakwater: listening for {collector.Protocol.ToString().ToLowerInvariant()} on {collector.LocalEndPoint} (receive buffer {collector.ActualReceiveBufferBytes / 1024} KiB)");
            }

            if (host.Capture is { } capture)
            {
                await stderr.WriteLineAsync($"breakwater: capturing on {capture.InterfaceName}");
            }

            await host.RunAsync(stop.Token);
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
