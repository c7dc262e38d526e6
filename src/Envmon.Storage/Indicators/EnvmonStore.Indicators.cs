using Envmon.Monitoring.Readings;
using Envmon.Storage.Indicators;

namespace Envmon.Storage;

/// <summary>Computed indicators (versioned: the newest version of a key is what reads see) and dense hourly reads.</summary>
public sealed partial class EnvmonStore
{
    private long _nextIndicator;

    /// <summary>
    /// Stores <paramref name="records"/> as the newest versions of their keys, in one transaction, stamped
    /// <paramref name="saved"/>. Older versions stay (they show how an indicator changed, as later data or review arrived).
    /// </summary>
    public void SaveIndicators(IReadOnlyCollection<IndicatorRecord> records, DateTimeOffset saved)
    {
        if (records.Count == 0)
        {
            return;
        }

        lock (_writeLock)
        {
            using var transaction = _writer.BeginTransaction();
            var sequence = _nextIndicator;
            using (var appender = _writer.CreateAppender("indicators"))
            {
                foreach (var record in records)
                {
                    appender.CreateRow().AppendValue(sequence++).AppendValue((byte)record.Scope).AppendValue(record.Code).AppendValue((byte)record.Period)
                        .AppendValue(record.Start.UtcDateTime).AppendValue(saved.UtcDateTime).AppendValue(record.Aqi).AppendValue(record.Detail).EndRow();
                }
            }

            transaction.Commit();
            _nextIndicator = sequence;
        }
    }

    /// <summary>The newest version of every indicator that matches <paramref name="query"/>, by code and start.</summary>
    public IReadOnlyList<IndicatorRecord> Indicators(IndicatorQuery query)
    {
        using var connection = Open(_connectionString, Path);
        using var command = connection.CreateCommand();
        var where = new Filters(command)
            .Add("scope = $scope", "scope", (byte)query.Scope).Add("period = $period", "period", (byte)query.Period).Add("code = $code", "code", query.Code)
            .Add("start >= $from", "from", query.From?.UtcDateTime).Add("start < $to", "to", query.To?.UtcDateTime);
        command.CommandText = $"""
            SELECT code, start, aqi, detail FROM indicators WHERE {where}
            QUALIFY row_number() OVER (PARTITION BY code, start ORDER BY seq DESC) = 1 ORDER BY code, start
            """;
        using var reader = command.ExecuteReader();
        var records = new List<IndicatorRecord>();
        while (reader.Read())
        {
            records.Add(new IndicatorRecord(query.Scope, reader.GetString(0), query.Period, Utc(reader.GetDateTime(1)),
                reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.GetString(3)));
        }

        return records;
    }

    /// <summary>
    /// The stored hourly values of <paramref name="stations"/>' <paramref name="parameters"/> for the
    /// <paramref name="hours"/> hours from <paramref name="from"/> (an hour's start), keeping only readings whose
    /// station flag is one of <paramref name="validFlags"/>. One scan of the readings; stations and parameters are
    /// matched inside DuckDB, so no string crosses into .NET per reading.
    /// </summary>
    public HourlyMatrix HourlyValues(IReadOnlyList<string> stations, IReadOnlyList<string> parameters, DateTimeOffset from, int hours, IReadOnlyList<string> validFlags)
    {
        var matrix = new HourlyMatrix(stations, parameters, from, hours);
        using var connection = Open(_connectionString, Path);
        Execute(connection, "CREATE TEMP TABLE wanted_stations (mn VARCHAR NOT NULL, i INTEGER NOT NULL)");
        Execute(connection, "CREATE TEMP TABLE wanted_parameters (parameter VARCHAR NOT NULL, i INTEGER NOT NULL)");
        Execute(connection, "CREATE TEMP TABLE wanted_flags (flag VARCHAR NOT NULL)");
        using (var appender = connection.CreateAppender("wanted_stations"))
        {
            for (var i = 0; i < stations.Count; i++)
            {
                appender.CreateRow().AppendValue(stations[i]).AppendValue(i).EndRow();
            }
        }

        using (var appender = connection.CreateAppender("wanted_parameters"))
        {
            for (var i = 0; i < parameters.Count; i++)
            {
                appender.CreateRow().AppendValue(parameters[i]).AppendValue(i).EndRow();
            }
        }

        using (var appender = connection.CreateAppender("wanted_flags"))
        {
            foreach (var flag in validFlags)
            {
                appender.CreateRow().AppendValue(flag).EndRow();
            }
        }

        using var command = Command(connection, """
            SELECT s.i, p.i, CAST(datediff('hour', $from, r.time) AS INTEGER), r.value
            FROM readings r JOIN wanted_stations s ON r.mn = s.mn JOIN wanted_parameters p ON r.parameter = p.parameter
            WHERE r.kind = $kind AND r.time >= $from AND r.time < $to AND r.value IS NOT NULL AND r.flag IN (SELECT flag FROM wanted_flags)
            """, [("from", from.UtcDateTime), ("to", from.UtcDateTime.AddHours(hours)), ("kind", (byte)DataKind.Hour)]);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            matrix.Set(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetDouble(3));
        }

        return matrix;
    }

    private void LoadIndicatorSequence() => _nextIndicator = (Scalar<long?>(_writer, "SELECT max(seq) FROM indicators") ?? -1) + 1;
}
