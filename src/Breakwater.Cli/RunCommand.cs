using System.CommandLine;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Breakwater.Configuration;
using Breakwater.Server;

namespace Breakwater.Cli;

/// <summary><c>breakwater run --config breakwater.yaml</c>: the daemon (collectors, detection, event stream).</summary>
internal static class RunCommand
{
    public static Command Create(Option<bool> verbose, TextWriter stdout, TextWriter stderr)
    {
        var config = new Option<string>("--config") { Description = "breakwater.yaml (see docs/configuration.md).", Required = true };
        var command = new Command("run", "Run the daemon: flow collectors, detection and the JSON-lines event stream.") { config };
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

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true; // shut down cleanly: final collector.stats, then exit 0.
            stop.Cancel();
        });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        DaemonStorage? storage = null;
        try
        {
            if (config.Storage is { } storageSettings)
            {
                storage = await DaemonStorage.OpenAsync(storageSettings, cancellationToken: stop.Token);
                await stderr.WriteLineAsync($"breakwater: store {storageSettings} (schema {storage.SchemaVersion}, {storage.Recovered.Count} open incident(s) to resume)");
            }

            using var host = new DaemonHost(config, new EventStreamWriter(events, TimeProvider.System), storage: storage);
            foreach (var collector in host.Collectors)
            {
                await stderr.WriteLineAsync($"breakwater: listening for {collector.Protocol.ToString().ToLowerInvariant()} on {collector.LocalEndPoint} (receive buffer {collector.ActualReceiveBufferBytes / 1024} KiB)");
            }

            if (host.Capture is { } capture)
            {
                await stderr.WriteLineAsync($"breakwater: capturing on {capture.InterfaceName}");
            }

            await host.RunAsync(stop.Token);
            return ExitCodes.Ok;
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
            if (storage is not null)
            {
                await storage.DisposeAsync();
            }

            if (!ReferenceEquals(events, stdout))
            {
                await events.DisposeAsync();
            }
        }
    }
}
