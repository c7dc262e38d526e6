using Envmon.Monitoring.Readings;

namespace Envmon.Storage;

/// <summary>One group of received readings for the network statistics: a station's parameter at one receipt latency.</summary>
/// <param name="Mn">The station.</param>
/// <param name="Parameter">The parameter.</param>
/// <param name="LatencyMinutes">Whole minutes from the interval's end to the receipt of its frame, 0 to 1,440.</param>
/// <param name="Received">How many intervals.</param>
/// <param name="Running">Of them, with a station flag saying the instrument ran (N, S, T, or none).</param>
/// <param name="Revised">Of them, with a revision.</param>
public sealed record ReceiptGroup(string Mn, string Parameter, int LatencyMinutes, long Received, long Running, long Revised);

/// <summary>An hour of a station with maintenance-flagged or revised readings.</summary>
/// <param name="Mn">The station.</param>
/// <param name="Time">The hour's start.</param>
/// <param name="Maintenance">Readings flagged M (maintenance) that hour.</param>
/// <param name="Revised">Readings of that hour that a later frame tried to change.</param>
public sealed record MarkedHour(string Mn, DateTimeOffset Time, int Maintenance, int Revised);

/// <summary>One connection a station sent frames on, from the raw archive.</summary>
/// <param name="Connection">The gateway's connection id.</param>
/// <param name="Remote">The station's address on it.</param>
/// <param name="First">The first frame's receipt.</param>
/// <param name="Last">The last frame's receipt.</param>
/// <param name="Frames">Frames received.</param>
/// <param name="Rejected">Of them, not accepted (bad frames, failed authentication).</param>
public sealed record ConnectionSpan(string Connection, string Remote, DateTimeOffset First, DateTimeOffset Last, long Frames, long Rejected);

/// <summary>Aggregates for the network statistics and the interference scan, computed inside DuckDB.</summary>
public sealed partial class EnvmonStore
{
    private static readonly int UnixEpochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    /// <summary>
    /// The <paramref name="kind"/> readings whose interval starts in [<paramref name="from"/>, <paramref name="to"/>),
    /// grouped by station, parameter and receipt latency in minutes after the interval's end (the interval being
    /// <paramref name="interval"/> long).
    /// </summary>
    public IReadOnlyList<ReceiptGroup> Receipts(DataKind kind, TimeSpan interval, DateTimeOffset from, DateTimeOffset to)
    {
        using var connection = Open(_connectionString, Path);
        using var command = Command(connection, """
            SELECT r.mn, r.parameter,
                least(1440, greatest(0, floor((epoch(a.received) - epoch(r.time) - $interval) / 60)))::INTEGER AS latency,
                count(*), count(*) FILTER (WHERE r.flag IN ('N', 'S', 'T', '')), count(*) FILTER (WHERE r.revised)
            FROM readings r JOIN archive a ON a.seq = r.frame
            WHERE r.kind = $kind AND r.time >= $from AND r.time < $to
            GROUP BY r.mn, r.parameter, latency
            """, [("kind", (byte)kind), ("from", from.UtcDateTime), ("to", to.UtcDateTime), ("interval", interval.TotalSeconds)]);
        using var reader = command.ExecuteReader();
        var groups = new List<ReceiptGroup>();
        while (reader.Read())
        {
            groups.Add(new ReceiptGroup(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)));
        }

        return groups;
    }

    /// <summary>The connections <paramref name="mn"/> sent frames on in [<paramref name="from"/>, <paramref name="to"/>), newest first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<ConnectionSpan> Connections(string mn, DateTimeOffset from, DateTimeOffset to, int limit)
    {
        using var connection = Open(_connectionString, Path);
        using var command = Command(connection, """
            SELECT connection, any_value(remote), min(received), max(received), count(*), count(*) FILTER (WHERE outcome <> 'ok') FROM archive
            WHERE mn = $mn AND received >= $from AND received < $to GROUP BY connection ORDER BY max(received) DESC LIMIT $limit
            """, [("mn", mn), ("from", from.UtcDateTime), ("to", to.UtcDateTime), ("limit", limit)]);
        using var reader = command.ExecuteReader();
        var spans = new List<ConnectionSpan>();
        while (reader.Read())
        {
            spans.Add(new ConnectionSpan(reader.GetString(0), reader.GetString(1), Utc(reader.GetDateTime(2)), Utc(reader.GetDateTime(3)), reader.GetInt64(4), reader.GetInt64(5)));
        }

        return spans;
    }

    /// <summary>The hours in [<paramref name="from"/>, <paramref name="to"/>) with hourly readings flagged M or revised, per station.</summary>
    public IReadOnlyList<MarkedHour> MarkedHours(DateTimeOffset from, DateTimeOffset to)
    {
        using var connection = Open(_connectionString, Path);
        using var command = Command(connection, """
            SELECT mn, time, count(*) FILTER (WHERE flag = 'M'), count(*) FILTER (WHERE revised) FROM readings
            WHERE kind = $kind AND time >= $from AND time < $to AND (flag = 'M' OR revised) GROUP BY mn, time ORDER BY mn, time
            """, [("kind", (byte)DataKind.Hour), ("from", from.UtcDateTime), ("to", to.UtcDateTime)]);
        using var reader = command.ExecuteReader();
        var hours = new List<MarkedHour>();
        while (reader.Read())
        {
            hours.Add(new MarkedHour(reader.GetString(0), Utc(reader.GetDateTime(1)), (int)reader.GetInt64(2), (int)reader.GetInt64(3)));
        }

        return hours;
    }

    /// <summary>The Beijing dates with <paramref name="kind"/> readings in [<paramref name="from"/>, <paramref name="to"/>), per station.</summary>
    public Dictionary<string, List<DateOnly>> StationDates(DataKind kind, DateTimeOffset from, DateTimeOffset to)
    {
        using var connection = Open(_connectionString, Path);
        using var command = Command(connection, """
            SELECT DISTINCT mn, datediff('day', DATE '1970-01-01', CAST(time + INTERVAL 8 HOUR AS DATE))::INTEGER AS day FROM readings
            WHERE kind = $kind AND time >= $from AND time < $to ORDER BY mn, day
            """, [("kind", (byte)kind), ("from", from.UtcDateTime), ("to", to.UtcDateTime)]);
        using var reader = command.ExecuteReader();
        var dates = new Dictionary<string, List<DateOnly>>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var mn = reader.GetString(0);
            if (!dates.TryGetValue(mn, out var list))
            {
                dates[mn] = list = [];
            }

            list.Add(DateOnly.FromDayNumber(UnixEpochDay + reader.GetInt32(1)));
        }

        return dates;
    }
}
