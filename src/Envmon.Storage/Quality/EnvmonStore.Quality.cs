using System.Text.Json;
using Envmon.Monitoring.Quality;
using Envmon.Storage.Quality;

namespace Envmon.Storage;

/// <summary>Automatic QC outcomes, versioned like the indicators: a new evaluation of a reading adds a row, reads see the newest.</summary>
public sealed partial class EnvmonStore
{
    private long _nextQc;

    /// <summary>Stores <paramref name="records"/> as the newest outcomes of their readings, in one transaction, stamped <paramref name="evaluated"/>.</summary>
    public void SaveQc(IReadOnlyCollection<QcRecord> records, DateTimeOffset evaluated)
    {
        if (records.Count == 0)
        {
            return;
        }

        lock (_writeLock)
        {
            using var transaction = _writer.BeginTransaction();
            var sequence = _nextQc;
            using (var appender = _writer.CreateAppender("qc"))
            {
                foreach (var r in records)
                {
                    appender.CreateRow().AppendValue(sequence++).AppendValue(r.Mn).AppendValue(r.Parameter).AppendValue((byte)r.Kind)
                        .AppendValue(r.Time.UtcDateTime).AppendValue((byte)r.Level)
                        .AppendValue(JsonSerializer.Serialize(r.Flags.ToArray(), StoreJson.Default.QcFlagArray)).AppendValue(r.Config)
                        .AppendValue(evaluated.UtcDateTime).EndRow();
                }
            }

            transaction.Commit();
            _nextQc = sequence;
        }
    }

    /// <summary>The newest outcome of every reading that matches <paramref name="query"/>, by station, parameter, kind and time.</summary>
    public IReadOnlyList<QcRecord> Qc(QcQuery query)
    {
        using var connection = Open(_connectionString, Path);
        using var command = connection.CreateCommand();
        var where = new Filters(command)
            .Add("mn = $mn", "mn", query.Mn).Add("parameter = $parameter", "parameter", query.Parameter)
            .Add("kind = $kind", "kind", query.Kind is { } kind ? (byte)kind : null)
            .Add("time >= $from", "from", query.From?.UtcDateTime).Add("time < $to", "to", query.To?.UtcDateTime);
        var levels = query.AtLeast is { } least
            ? Enum.GetValues<QcLevel>().Where(l => QcLevels.Rank(l) >= QcLevels.Rank(least)).Select(l => ((byte)l).ToString(System.Globalization.CultureInfo.InvariantCulture))
            : null;
        command.CommandText = $"""
            SELECT * FROM (
                SELECT mn, parameter, kind, time, level, flags, config FROM qc WHERE {where}
                QUALIFY row_number() OVER (PARTITION BY mn, parameter, kind, time ORDER BY seq DESC) = 1)
            {(levels is null ? "" : $"WHERE level IN ({string.Join(',', levels)})")}
            ORDER BY mn, parameter, kind, time
            """;
        using var reader = command.ExecuteReader();
        var records = new List<QcRecord>();
        while (reader.Read())
        {
            records.Add(new QcRecord(reader.GetString(0), reader.GetString(1), (Monitoring.Readings.DataKind)reader.GetByte(2), Utc(reader.GetDateTime(3)),
                (QcLevel)reader.GetByte(4), JsonSerializer.Deserialize(reader.GetString(5), StoreJson.Default.QcFlagArray)!, reader.GetInt32(6)));
        }

        return records;
    }

    /// <summary>
    /// The stored readings of one kind in [<paramref name="from"/>, <paramref name="to"/>), with when their frame was
    /// received (for the time checks), ordered by station, parameter and time: what a batch QC run reads.
    /// </summary>
    public IEnumerable<(Monitoring.Readings.Reading Reading, DateTimeOffset Received)> ReadingsReceived(Monitoring.Readings.DataKind kind, DateTimeOffset from, DateTimeOffset to)
    {
        using var connection = Open(_connectionString, Path);
        using var command = Command(connection, """
            SELECT r.mn, r.parameter, r.kind, r.time, r.value, r.min, r.max, r.flag, a.received
            FROM readings r JOIN archive a ON a.seq = r.frame
            WHERE r.kind = $kind AND r.time >= $from AND r.time < $to ORDER BY r.mn, r.parameter, r.time
            """, [("kind", (byte)kind), ("from", from.UtcDateTime), ("to", to.UtcDateTime)]);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return (ReadReading(reader), Utc(reader.GetDateTime(8)));
        }
    }

    /// <summary>The distinct interval starts of <paramref name="kind"/> readings in [<paramref name="from"/>, <paramref name="to"/>), per station.</summary>
    public Dictionary<string, List<DateTimeOffset>> StationTimes(Monitoring.Readings.DataKind kind, DateTimeOffset from, DateTimeOffset to)
    {
        using var connection = Open(_connectionString, Path);
        using var command = Command(connection, "SELECT DISTINCT mn, time FROM readings WHERE kind = $kind AND time >= $from AND time < $to ORDER BY mn, time",
            [("kind", (byte)kind), ("from", from.UtcDateTime), ("to", to.UtcDateTime)]);
        using var reader = command.ExecuteReader();
        var times = new Dictionary<string, List<DateTimeOffset>>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var mn = reader.GetString(0);
            if (!times.TryGetValue(mn, out var list))
            {
                times[mn] = list = [];
            }

            list.Add(Utc(reader.GetDateTime(1)));
        }

        return times;
    }

    private void LoadQcSequence() => _nextQc = (Scalar<long?>(_writer, "SELECT max(seq) FROM qc") ?? -1) + 1;
}
