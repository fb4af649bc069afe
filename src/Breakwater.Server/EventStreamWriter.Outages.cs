using Breakwater.Outages.Probes;
using Breakwater.Outages.Waves;

namespace Breakwater.Server;

/// <summary>Outage events: <c>probe.state</c> (probe, state, vantage, …) and <c>wave.started</c>/<c>wave.ended</c> (wave).</summary>
public sealed partial class EventStreamWriter
{
    public void WriteProbeState(ProbeStateChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Write("probe.state", writer =>
        {
            writer.WriteString("probe", change.Probe);
            writer.WriteString("state", ProbeStateChange.Name(change.State));
            writer.WriteString("vantage", change.Vantage);
            writer.WriteString("previous", ProbeStateChange.Name(change.Previous));
            writer.WriteBoolean("cycling", change.Cycling);
            writer.WriteString("reason", change.Reason);
            writer.WriteStartArray("failing");
            foreach (var v in change.Failing)
            {
                writer.WriteStringValue(v);
            }

            writer.WriteEndArray();
            writer.WriteNumber("vantages", change.Vantages);
            if (change.LatencyMs is { } latency)
            {
                writer.WriteNumber("latency_ms", latency);
            }
        });
    }

    public void WriteWave(WaveChange change)
    {
        if (change.Wave is not { } wave || change.Kind == WaveChangeKind.None)
        {
            return;
        }

        Write(change.Kind == WaveChangeKind.Started ? "wave.started" : "wave.ended", writer =>
        {
            writer.WritePropertyName("wave");
            WavesJson.WriteWave(writer, wave);
        });
    }
}
