namespace Breakwater.Storage.Sql;

/// <summary>Reads of the minute rollups (top hosts, one host's traffic) and retention.</summary>
public abstract partial class SqlIncidentStore
{
    /// <summary>Most buckets one traffic query returns (a week at one-minute steps is 10,080).</summary>
    public const int MaxTrafficBuckets = 20_000;

    public async Task<IReadOnlyList<HostRate>> GetTopHostsAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken = default)
    {
        var fromMinute = MinuteFloor(from);
        var toMinute = MinuteFloor(to.AddSeconds(59));
        var seconds = Math.Max(60, toMinute - fromMinute);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = DbCommands.Create(connection, null, """
            SELECT h.address, SUM(t.packets) AS packets, SUM(t.bytes), MAX(t.peak_pps), MAX(t.peak_bps)
            FROM traffic_minutes t JOIN hosts h ON h.id = t.host_id
            WHERE t.minute >= @from AND t.minute < @to
            GROUP BY h.address
            ORDER BY packets DESC, h.address
            LIMIT @limit
            """);
        command.AddLong("@from", fromMinute);
        command.AddLong("@to", toMinute);
        command.AddLong("@limit", Math.Clamp(limit, 1, 10_000));
        var list = new List<HostRate>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var packets = reader.GetInt64(1);
            var bytes = reader.GetInt64(2);
            list.Add(new HostRate(reader.GetString(0), packets, bytes, (double)packets / seconds, bytes * 8.0 / seconds, reader.GetInt64(3), reader.GetInt64(4)));
        }

        return list;
    }

    public async Task<IReadOnlyList<TrafficPoint>> GetHostTrafficAsync(
        string address, DateTimeOffset from, DateTimeOffset to, TimeSpan step, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        var stepSeconds = (long)step.TotalSeconds;
        if (stepSeconds < 60 || stepSeconds % 60 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be a whole number of minutes, at least one.");
        }

        var fromMinute = MinuteFloor(from);
        var toMinute = MinuteFloor(to.AddSeconds(59));
        if ((toMinute - fromMinute) / stepSeconds > MaxTrafficBuckets)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, $"The range holds more than {MaxTrafficBuckets} steps; use a larger step.");
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = DbCommands.Create(connection, null, """
            SELECT (t.minute - @from) / @step AS bucket, SUM(t.packets), SUM(t.bytes), MAX(t.peak_pps), MAX(t.peak_bps),
                   SUM(t.tcp), SUM(t.udp), SUM(t.icmp), SUM(t.syn), SUM(t.ack), SUM(t.rst), SUM(t.fin), SUM(t.fragment)
            FROM traffic_minutes t JOIN hosts h ON h.id = t.host_id
            WHERE h.address = @address AND t.minute >= @from AND t.minute < @to
            GROUP BY (t.minute - @from) / @step
            ORDER BY bucket
            """);
        command.AddText("@address", address);
        command.AddLong("@from", fromMinute);
        command.AddLong("@to", toMinute);
        command.AddLong("@step", stepSeconds);
        var list = new List<TrafficPoint>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var packets = reader.GetInt64(1);
            var bytes = reader.GetInt64(2);
            var classes = new TrafficClasses(
                reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9), reader.GetInt64(10),
                reader.GetInt64(11), reader.GetInt64(12));
            list.Add(new TrafficPoint(
                DateTimeOffset.FromUnixTimeSeconds(fromMinute + (reader.GetInt64(0) * stepSeconds)), packets, bytes, (double)packets / stepSeconds,
                bytes * 8.0 / stepSeconds, reader.GetInt64(3), reader.GetInt64(4), classes));
        }

        return list;
    }

    public async Task<long> DeleteExpiredAsync(DateTimeOffset rollupsBefore, DateTimeOffset timelineBefore, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        long deleted = 0;
        await using (var rollups = DbCommands.Create(connection, null, "DELETE FROM traffic_minutes WHERE minute < @before"))
        {
            rollups.AddLong("@before", MinuteFloor(rollupsBefore));
            deleted += await rollups.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var timeline = DbCommands.Create(connection, null, "DELETE FROM incident_timeline WHERE second < @before"))
        {
            timeline.AddLong("@before", timelineBefore.ToUnixTimeSeconds());
            deleted += await timeline.ExecuteNonQueryAsync(cancellationToken);
        }

        return deleted;
    }

    private static long MinuteFloor(DateTimeOffset time)
    {
        var seconds = time.ToUnixTimeSeconds();
        return seconds - (((seconds % 60) + 60) % 60);
    }
}
