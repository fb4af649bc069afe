using Prometheus;

namespace Breakwater.Server.Metrics;

/// <summary>
/// The Prometheus registry behind <c>/metrics</c> (prometheus-net, text format). Collector counters, decode time,
/// exporter sampling rates, tracked targets and incidents are read from the pipeline at scrape time, so nothing is
/// counted twice and the hot path does no extra work. Process and .NET runtime metrics come with prometheus-net;
/// instruments of <c>System.Diagnostics.Metrics</c> meters named <c>Breakwater.*</c> (the store, alerts) are exported too.
/// </summary>
public sealed class BreakwaterMetrics : IDisposable
{
    private readonly IDisposable _meters;

    public BreakwaterMetrics(DaemonHost daemon, IncidentCounts incidents)
    {
        ArgumentNullException.ThrowIfNull(daemon);
        ArgumentNullException.ThrowIfNull(incidents);
        Registry = Prometheus.Metrics.NewCustomRegistry();
        DotNetStats.Register(Registry);
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        var datagrams = factory.CreateCounter("breakwater_collector_datagrams_total", "Datagrams received, per collector.", "collector");
        var records = factory.CreateCounter("breakwater_collector_records_total", "Flow records and samples decoded, per collector.", "collector");
        var drops = factory.CreateCounter("breakwater_collector_drops_total", "Datagrams or records dropped, per collector and reason.", "collector", "reason");
        var decode = factory.CreateCounter("breakwater_collector_decode_seconds_total", "Time the decode-and-detect thread spent on each collector's datagrams.", "collector");
        var exporterDatagrams = factory.CreateCounter("breakwater_exporter_datagrams_total", "Datagrams received per exporter.", "collector", "exporter");
        var sampling = factory.CreateGauge("breakwater_exporter_sampling_rate", "Sampling rate (1 in N) of each exporter's latest datagram.", "collector", "exporter");
        var queue = factory.CreateGauge("breakwater_decode_queue_datagrams", "Datagrams waiting for the decode-and-detect thread.");
        var capacity = factory.CreateGauge("breakwater_decode_queue_capacity_datagrams", "Most datagrams the decode queue holds before it drops (queue_full).");
        var tracked = factory.CreateGauge("breakwater_tracked_targets", "Destinations the detection engine tracks now.");
        var open = factory.CreateGauge("breakwater_open_incidents", "Incidents open now.");
        var opened = factory.CreateCounter("breakwater_incidents_opened_total", "Incidents opened since start.");
        capacity.Set(DaemonHost.QueueCapacity);

        Registry.AddBeforeCollectCallback(() =>
        {
            foreach (var counters in daemon.AllCounters)
            {
                datagrams.WithLabels(counters.Name).IncTo(counters.Datagrams);
                records.WithLabels(counters.Name).IncTo(counters.Records);
                foreach (var (reason, count) in counters.Drops)
                {
                    drops.WithLabels(counters.Name, reason).IncTo(count);
                }

                foreach (var (exporter, count) in counters.Exporters)
                {
                    exporterDatagrams.WithLabels(counters.Name, exporter.ToString()).IncTo(count);
                }
            }

            foreach (var (collector, seconds) in daemon.Statistics.DecodeSeconds)
            {
                decode.WithLabels(collector).IncTo(seconds);
            }

            foreach (var (collector, exporter, rate) in daemon.Statistics.SamplingRates)
            {
                sampling.WithLabels(collector, exporter.ToString()).Set(rate);
            }

            queue.Set(daemon.QueueDepth);
            tracked.Set(daemon.Engine.TrackedTargets);
            open.Set(incidents.Open);
            opened.IncTo(incidents.Opened);
        });

        _meters = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = Registry,
            InstrumentFilterPredicate = instrument => instrument.Meter.Name.StartsWith("Breakwater", StringComparison.Ordinal),
        });
    }

    public CollectorRegistry Registry { get; }

    public void Dispose() => _meters.Dispose();
}
