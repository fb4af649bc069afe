using System.Net;
using Breakwater.Alerts;
using Breakwater.Configuration;
using Breakwater.Detection;
using Breakwater.Server.Api;
using Breakwater.Server.Metrics;
using Prometheus;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Breakwater.Server;

/// <summary>
/// <c>breakwater run</c> as an ASP.NET Core host: the collectors → decode-and-detect pipeline as a hosted service, and on
/// one Kestrel port the REST API (<c>/api/v1</c>), <c>/metrics</c>, <c>/openapi/v1.json</c> and the dashboard. Under
/// systemd it reports readiness (<c>Type=notify</c>) and logs in journald's format.
/// </summary>
public sealed class BreakwaterServer : IAsyncDisposable
{
    /// <summary>Largest request body accepted (notes are the only bodies): larger ones get 413.</summary>
    public const int MaxRequestBodyBytes = 64 * 1024;

    private readonly WebApplication _app;

    private readonly Parts _parts;
    private readonly LiveTraffic _traffic;

    private BreakwaterServer(WebApplication app, Parts parts, LiveTraffic traffic)
    {
        _app = app;
        _parts = parts;
        _traffic = traffic;
        State = parts.State!;
    }

    public ServerState State { get; }

    public DaemonHost Daemon => State.Daemon;

    /// <summary>Mitigation: policy, BGP speaker, nftables, state.</summary>
    public Mitigation.MitigationService Mitigation => _parts.Mitigation!;

    public IServiceProvider Services => _app.Services;

    /// <summary>The API's bound address (the real port when port 0 was configured); valid after <see cref="StartAsync"/>.</summary>
    public Uri BaseAddress
    {
        get
        {
            var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        }
    }

    /// <summary>
    /// Builds the host: opens and migrates the store (<c>storage</c>; SQLite beside the config by default), binds the
    /// collectors' sockets (a busy port fails here); the API's port is bound on start.
    /// </summary>
    public static async Task<BreakwaterServer> CreateAsync(BreakwaterConfig config, ServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        var storageSettings = config.Storage ?? throw new ArgumentException("The configuration has no storage settings.", nameof(config));
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        ConfigureLogging(builder, options.LogLevel);
        foreach (var provider in options.LoggerProviders)
        {
            builder.Logging.AddProvider(provider);
        }

        builder.Host.UseSystemd();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            kestrel.Limits.MaxRequestHeaderCount = 64;
            kestrel.Limits.MaxRequestLineSize = 8 * 1024;
            kestrel.Limits.MaxConcurrentConnections = 1024;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            kestrel.Listen(config.Api.Listen);
        });

        // The store needs the host's loggers and the daemon needs the store, so they are made after Build and reach
        // the services through this holder (resolved on first use: at start and on requests).
        var parts = new Parts();
        var live = new LiveFeed(options.Time);
        var events = options.EventStream ?? new EventStreamWriter(options.Events, options.Time);
        builder.Services.AddSingleton(_ => parts.State!);
        builder.Services.AddSingleton(_ => parts.State!.Daemon);
        builder.Services.AddSingleton(_ => parts.Forensics!);
        builder.Services.AddSingleton(_ => parts.Storage!.Store);
        builder.Services.AddSingleton(live);
        builder.Services.AddSingleton(events);
        builder.Services.AddSingleton(new TokenAuthenticator(config.Api.Tokens));
        builder.Services.AddSingleton(_ => parts.Mitigation!);
        builder.Services.AddHostedService(_ => new MitigationHost(parts.Mitigation!));
        builder.Services.AddHostedService(services => new DaemonService(services.GetRequiredService<DaemonHost>()));
        // Made on first use (at start), when the store is open: waves, reports and probe states are kept there.
        builder.Services.AddSingleton(services => new Outages.OutageService(config, events, options.Time, parts.Storage!.Store as Storage.Outages.IOutageStore,
            services.GetRequiredService<ILoggerFactory>().CreateLogger("Breakwater.Outages")));
        builder.Services.AddHostedService(services => services.GetRequiredService<Outages.OutageService>());
        if (options.WatchConfig)
        {
            builder.Services.AddSingleton<ConfigReloader>();
            builder.Services.AddHostedService(services => services.GetRequiredService<ConfigReloader>());
        }

        builder.Services.AddOpenApi("v1");
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
        });

        var app = builder.Build();
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        var traffic = new LiveTraffic(live, options.Time);
        try
        {
            parts.Storage = await DaemonStorage.OpenAsync(storageSettings, loggers, options.Time, cancellationToken);
            var counts = new IncidentCounts();
            parts.Alerts = new AlertDispatcher(config.Alerts, parts.Storage.Store.IsAcknowledgedAsync, loggers.CreateLogger("Breakwater.Alerts"), options.Time);
            parts.Alerts.Start();
            var mitigationEvents = new MitigationEventFanout(events, () => parts.Alerts, options.Time);
            parts.Mitigation = new Mitigation.MitigationService(config, parts.Storage.Store as Storage.IMitigationStore, mitigationEvents, options.Time,
                loggers.CreateLogger("Breakwater.Mitigation"));
            IIncidentObserver[] observers = [live, counts, parts.Alerts, parts.Mitigation, .. options.Observers];
            parts.Forensics = Forensics.DaemonForensics.Open(config);
            var daemon = new DaemonHost(config, events, options.Time, parts.Storage, new IncidentFanout(observers), traffic, parts.Forensics);
            parts.State = new ServerState(config, daemon, options.Time);
            parts.Metrics = new BreakwaterMetrics(daemon, counts);
        }
        catch
        {
            traffic.Dispose();
            parts.Metrics?.Dispose();
            parts.Forensics?.Dispose();
            if (parts.Alerts is not null)
            {
                await parts.Alerts.DisposeAsync();
            }

            if (parts.Mitigation is not null)
            {
                await parts.Mitigation.DisposeAsync();
            }

            if (parts.Storage is not null)
            {
                await parts.Storage.DisposeAsync();
            }

            await app.DisposeAsync();
            throw;
        }

        if (options.WatchConfig)
        {
            // Alert channels follow a reload: unchanged channels keep their queues, changed ones restart.
            var alerts = parts.Alerts;
            app.Services.GetRequiredService<ConfigReloader>().Applied += reloaded => alerts.Reconfigure(reloaded.Alerts);
            app.Services.GetRequiredService<ConfigReloader>().Applied += app.Services.GetRequiredService<Outages.OutageService>().Reconfigure;
        }

        app.UseMiddleware<AuthMiddleware>();
        app.MapOpenApi("/openapi/{documentName}.json");
        ApiRoutes.Map(app);
        app.MapMetrics("/metrics", parts.Metrics.Registry);
        Dashboard.DashboardAssets.Map(app);
        return new BreakwaterServer(app, parts, traffic);
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _app.StartAsync(cancellationToken);
        var logger = _app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Breakwater.Server");
        foreach (var collector in Daemon.Collectors)
        {
            ServerLog.CollectorListening(logger, collector.Protocol.ToString().ToLowerInvariant(), collector.LocalEndPoint.ToString(),
                collector.ActualReceiveBufferBytes / 1024);
        }

        if (Daemon.Capture is { } capture)
        {
            ServerLog.Capturing(logger, capture.InterfaceName);
        }

        foreach (var follower in Daemon.AccessLogs?.Followers ?? [])
        {
            ServerLog.FollowingAccessLog(logger, follower.Path);
        }

        if (_parts.Forensics!.GeoProblem is { } geoProblem)
        {
            ServerLog.GeoUnavailable(logger, geoProblem);
        }

        ServerLog.StoreOpened(logger, State.Config.Storage?.ToString() ?? "", _parts.Storage!.SchemaVersion, _parts.Storage.Recovered.Count);

        var api = State.Config.Api;
        ServerLog.ApiListening(logger, BaseAddress.Authority, api.Tokens.Count);
        if (api.Tokens.Count == 0)
        {
            ServerLog.NoTokens(logger);
        }

        if (!IPAddress.IsLoopback(api.Listen.Address))
        {
            ServerLog.NotLoopback(logger, api.Listen.ToString());
        }
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> fires (SIGTERM and Ctrl+C stop the host too), then stops cleanly.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken);
        await _app.WaitForShutdownAsync(cancellationToken);
        await StopAsync();
    }

    public Task StopAsync() => _app.StopAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _traffic.Dispose();
        _parts.Metrics!.Dispose();
        Daemon.Dispose();
        await _parts.Alerts!.DisposeAsync();
        await _parts.Mitigation!.DisposeAsync();
        await _parts.Storage!.DisposeAsync();
        _parts.Forensics!.Dispose();
    }

    private sealed class Parts
    {
        public DaemonStorage? Storage { get; set; }

        public AlertDispatcher? Alerts { get; set; }

        public Forensics.DaemonForensics? Forensics { get; set; }

        public ServerState? State { get; set; }

        public BreakwaterMetrics? Metrics { get; set; }

        public Mitigation.MitigationService? Mitigation { get; set; }
    }

    private static void ConfigureLogging(WebApplicationBuilder builder, LogLevel level)
    {
        // Defaults first, so that Logging__LogLevel__* environment variables override them.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = level.ToString(),
                ["Logging:LogLevel:Microsoft.AspNetCore"] = LogLevel.Warning.ToString(),
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = LogLevel.Warning.ToString(),
            },
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss'Z' ";
            console.UseUtcTimestamp = true;
        });
        // stdout may carry the event stream: every log line goes to stderr.
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
    }
}
