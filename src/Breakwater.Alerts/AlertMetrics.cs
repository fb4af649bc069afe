using System.Diagnostics.Metrics;

namespace Breakwater.Alerts;

/// <summary>
/// Alert instruments (meter <c>Breakwater.Alerts</c>, tag <c>channel</c>): sent, failed (after every retry), retries,
/// coalesced, suppressed (acknowledged incident), dropped (queue full), and the time one send takes.
/// </summary>
public sealed class AlertMetrics : IDisposable
{
    public const string MeterName = "Breakwater.Alerts";

    private readonly Meter _meter;

    public AlertMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        Sent = _meter.CreateCounter<long>("breakwater_alerts_sent_total", description: "Alerts delivered, per channel.");
        Failed = _meter.CreateCounter<long>("breakwater_alerts_failed_total", description: "Alerts given up after every retry failed, per channel.");
        Retries = _meter.CreateCounter<long>("breakwater_alert_retries_total", description: "Alert tries repeated after a failure, per channel.");
        Coalesced = _meter.CreateCounter<long>("breakwater_alerts_coalesced_total", description: "Events merged into a newer one for the same incident while waiting.");
        Suppressed = _meter.CreateCounter<long>("breakwater_alerts_suppressed_total", description: "Events not sent because the incident was acknowledged.");
        Dropped = _meter.CreateCounter<long>("breakwater_alerts_dropped_total", description: "Events dropped because a channel's queue was full.");
        SendSeconds = _meter.CreateHistogram<double>("breakwater_alert_send_seconds", unit: "s", description: "Time of one delivery try.");
    }

    internal Counter<long> Sent { get; }

    internal Counter<long> Failed { get; }

    internal Counter<long> Retries { get; }

    internal Counter<long> Coalesced { get; }

    internal Counter<long> Suppressed { get; }

    internal Counter<long> Dropped { get; }

    internal Histogram<double> SendSeconds { get; }

    public void Dispose() => _meter.Dispose();
}
