using System.Text.Json;

namespace Breakwater.Outages.Probes;

/// <summary>
/// Probe results as JSON (agents post them to <c>POST /api/v1/probes/results</c>): <c>{"vantage", "results": [{probe,
/// time, success, latency_ms, dns_ms, connect_ms, tls_ms, first_byte_ms, status, cert_days_left, error, interval_ms}]}</c>.
/// </summary>
public static class ProbeResultJson
{
    public const int MaxResults = 1_000;

    public static void WriteBatch(Utf8JsonWriter writer, string vantage, IEnumerable<(ProbeResult Result, TimeSpan Interval)> results)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(results);
        writer.WriteStartObject();
        writer.WriteString("vantage", vantage);
        writer.WriteStartArray("results");
        foreach (var (r, interval) in results)
        {
            writer.WriteStartObject();
            writer.WriteString("probe", r.Probe);
            writer.WriteString("time", Rfc3339.Format(r.Time));
            writer.WriteBoolean("success", r.Success);
            Number(writer, "latency_ms", r.LatencyMs);
            Number(writer, "dns_ms", r.DnsMs);
            Number(writer, "connect_ms", r.ConnectMs);
            Number(writer, "tls_ms", r.TlsMs);
            Number(writer, "first_byte_ms", r.FirstByteMs);
            Number(writer, "status", r.Status);
            Number(writer, "cert_days_left", r.CertDaysLeft);
            if (r.Error is not null)
            {
                writer.WriteString("error", r.Error);
            }

            writer.WriteNumber("interval_ms", (long)interval.TotalMilliseconds);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Reads a batch; null with a reason when it is not one.</summary>
    public static IReadOnlyList<(ProbeResult Result, TimeSpan Interval)>? ReadBatch(ReadOnlySpan<byte> json, out string? error)
    {
        error = null;
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (!root.TryGetProperty("vantage", out var v) || v.GetString() is not { Length: > 0 and <= 64 } vantage)
            {
                error = "'vantage' must be a name of 1 to 64 characters";
                return null;
            }

            if (!root.TryGetProperty("results", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() > MaxResults)
            {
                error = $"'results' must be a list of at most {MaxResults} results";
                return null;
            }

            var results = new List<(ProbeResult, TimeSpan)>();
            foreach (var item in list.EnumerateArray())
            {
                if (item.TryGetProperty("probe", out var p) && p.GetString() is { Length: > 0 and <= 128 } probe
                    && item.TryGetProperty("time", out var t) && Rfc3339.TryParse(t.GetString(), out var time)
                    && item.TryGetProperty("success", out var s) && s.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    var interval = item.TryGetProperty("interval_ms", out var i) && i.TryGetInt64(out var ms) && ms is > 0 and <= 86_400_000
                        ? TimeSpan.FromMilliseconds(ms) : TimeSpan.FromSeconds(10);
                    results.Add((new ProbeResult
                    {
                        Probe = probe, Vantage = vantage, Time = time, Success = s.GetBoolean(),
                        LatencyMs = Double(item, "latency_ms"), DnsMs = Double(item, "dns_ms"), ConnectMs = Double(item, "connect_ms"),
                        TlsMs = Double(item, "tls_ms"), FirstByteMs = Double(item, "first_byte_ms"), CertDaysLeft = Double(item, "cert_days_left"),
                        Status = Double(item, "status") is { } st ? (int)st : null,
                        Error = item.TryGetProperty("error", out var e) && e.GetString() is { } text ? text[..Math.Min(text.Length, 256)] : null,
                    }, interval));
                }
                else
                {
                    error = "each result needs 'probe', 'time' (RFC 3339) and 'success'";
                    return null;
                }
            }

            return results;
        }
        catch (JsonException)
        {
            error = "the body is not JSON";
            return null;
        }
    }

    private static double? Double(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && double.IsFinite(d) ? d : null;

    private static void Number(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
    }
}
