using System.Collections.Concurrent;
using System.Text.Json;
using DuckDB.NET.Data;
using Envmon.Monitoring.Readings;
using Envmon.Monitoring.Stations;
using Envmon.Storage.Archive;
using Envmon.Storage.Readings;
using Envmon.Storage.Stations;

namespace Envmon.Storage;

/// <summary>
/// The embedded store: one DuckDB file in the data directory holding the station registry, the hash-chained raw
/// archive and the readings with their revisions (docs/decisions/0002-duckdb-embedded-store.md). One process owns the
/// file; within it, <see cref="Commit"/> is called by one writer at a time and queries may run beside it on their
/// own connections. Times are stored as UTC.
/// </summary>
public sealed class EnvmonStore : IDisposable
{
    private const int SchemaVersion = 1;

    private readonly string _connectionString;
    private readonly DuckDBConnection _writer;
    private readonly Lock _writeLock = new();
    private readonly ConcurrentDictionary<(string Mn, string Parameter, DataKind Kind), StoredReading> _latest = new();
    private long _nextSequence;
    private byte[] _head = ArchiveChain.Genesis;

    private EnvmonStore(string path, StoreOptions options)
    {
        Path = path;
        _connectionString = $"Data Source={path};memory_limit={options.MemoryLimit};threads={options.Threads}";
        _writer = Open(_connectionString, path);
        Execute(_writer, $"SET checkpoint_threshold = '{options.CheckpointThreshold}'");
        Migrate();
        LoadHead();
        LoadLatest();
    }

    /// <summary>The store's file.</summary>
    public string Path { get; }

    /// <summary>Opens (creating if needed) the store in <paramref name="options"/>' data directory.</summary>
    /// <exception cref="StoreInUseException">Another process holds the store.</exception>
    public static EnvmonStore Open(StoreOptions options)
    {
        Directory.CreateDirectory(options.DataDirectory);
        return new EnvmonStore(System.IO.Path.Combine(System.IO.Path.GetFullPath(options.DataDirectory), "envmon.duckdb"), options);
    }

    /// <summary>The number of archive records.</summary>
    public long ArchiveCount => Interlocked.Read(ref _nextSequence);

    /// <summary>
    /// Writes <paramref name="batch"/> in one transaction: every frame to the archive (chained), every new reading,
    /// and every reading that differs from the stored one as a revision (the stored value stays and is marked
    /// revised). When this returns, the batch is durable; when it throws, nothing of it was written.
    /// </summary>
    public CommitResult Commit(IngestBatch batch)
    {
        lock (_writeLock)
        {
            var sequence = _nextSequence;
            var head = _head;
            var unique = new Dictionary<(string, string, DataKind, DateTime), (Reading Reading, long Frame)>();
            var inBatchRevisions = new List<(Reading Reading, long Frame)>();
            var duplicates = 0;
            using var transaction = _writer.BeginTransaction();
            using (var archive = _writer.CreateAppender("archive"))
            {
                foreach (var (frame, readings) in batch.Items)
                {
                    head = ArchiveChain.Hash(head, sequence, frame);
                    archive.CreateRow()
                        .AppendValue(sequence).AppendValue(frame.Received.UtcDateTime).AppendValue(frame.Remote)
                        .AppendValue(frame.Connection).AppendValue(frame.Mn).AppendValue(frame.Cn).AppendValue(frame.Outcome)
                        .AppendValue(frame.Bytes).AppendValue(head)
                        .EndRow();
                    foreach (var reading in readings)
                    {
                        var key = Key(reading);
                        if (!unique.TryGetValue(key, out var first))
                        {
                            unique[key] = (reading, sequence);
                        }
                        else if (first.Reading.SameDataAs(reading))
                        {
                            duplicates++;
                        }
                        else
                        {
                            inBatchRevisions.Add((reading, sequence));
                        }
                    }

                    sequence++;
                }
            }

            var (stored, revised) = unique.Count == 0 ? (0, 0) : MergeReadings(unique.Values, inBatchRevisions);
            transaction.Commit();
            var firstSequence = _nextSequence;
            _head = head;
            Interlocked.Exchange(ref _nextSequence, sequence);
            foreach (var (reading, frame) in unique.Values)
            {
                var key = (reading.Mn, reading.Parameter, reading.Kind);
                _latest.AddOrUpdate(key, new StoredReading(reading, frame, false),
                    (_, existing) => existing.Reading.Time < reading.Time ? new StoredReading(reading, frame, false) : existing);
            }

            var inserted = unique.Count - (stored + revised);
            return new CommitResult(firstSequence, inserted, duplicates + stored, revised + inBatchRevisions.Count);
        }
    }

    // Appends the batch's unique readings to a staging table, then: readings already stored with other data become
    // revisions (and mark the stored one), identical ones are duplicates, the rest are inserted. Matching is limited
    // to the batch's time range, so DuckDB's zone maps skip the row groups of other times.
    private (int Duplicates, int Revisions) MergeReadings(IEnumerable<(Reading Reading, long Frame)> unique, List<(Reading Reading, long Frame)> inBatchRevisions)
    {
        var from = DateTime.MaxValue;
        var to = DateTime.MinValue;
        var revisedInBatch = inBatchRevisions.Select(r => Key(r.Reading)).ToHashSet();
        using (var incoming = _writer.CreateAppender("incoming"))
        {
            foreach (var (reading, frame) in unique)
            {
                var time = reading.Time.UtcDateTime;
                from = time < from ? time : from;
                to = time > to ? time : to;
                AppendReading(incoming.CreateRow(), reading, frame, revisedInBatch.Contains(Key(reading))).EndRow();
            }
        }

        using (var revisions = _writer.CreateAppender("revisions"))
        {
            foreach (var (reading, frame) in inBatchRevisions)
            {
                AppendReading(revisions.CreateRow(), reading, frame, revised: false).EndRow();
            }
        }

        const string Match = "r.mn = i.mn AND r.parameter = i.parameter AND r.kind = i.kind AND r.time = i.time AND r.time BETWEEN $from AND $to";
        const string Differs = "(r.value IS DISTINCT FROM i.value OR r.min IS DISTINCT FROM i.min OR r.max IS DISTINCT FROM i.max OR r.flag <> i.flag)";
        var parameters = new (string, object)[] { ("from", from), ("to", to) };
        var revised = Execute(_writer, $"INSERT INTO revisions SELECT i.* FROM incoming i JOIN readings r ON {Match} WHERE {Differs}", parameters);
        var matched = Scalar<long>(_writer, $"SELECT count(*) FROM incoming i JOIN readings r ON {Match}", parameters);
        if (revised > 0)
        {
            Execute(_writer, $"UPDATE readings r SET revised = true FROM incoming i WHERE {Match} AND {Differs}", parameters);
        }

        if (inBatchRevisions.Count > 0)
        {
            Execute(_writer, $"UPDATE readings r SET revised = true FROM incoming i WHERE {Match} AND i.revised", parameters);
        }

        Execute(_writer, $"INSERT INTO readings SELECT i.* FROM incoming i WHERE NOT EXISTS (SELECT 1 FROM readings r WHERE {Match})", parameters);
        Execute(_writer, "DELETE FROM incoming");
        return ((int)matched - revised, revised);
    }

    private static (string, string, DataKind, DateTime) Key(Reading reading) => (reading.Mn, reading.Parameter, reading.Kind, reading.Time.UtcDateTime);

    private static IDuckDBAppenderRow AppendReading(IDuckDBAppenderRow row, Reading reading, long frame, bool revised)
        => row.AppendValue(reading.Mn).AppendValue(reading.Parameter).AppendValue((byte)reading.Kind)
            .AppendValue(reading.Time.UtcDateTime).AppendValue(reading.Value).AppendValue(reading.Min).AppendValue(reading.Max)
            .AppendValue(reading.Flag).AppendValue(frame).AppendValue(revised);

    /// <summary>The latest reading of every (station, parameter, kind), kept in memory (point look-ups are slow in DuckDB).</summary>
    public IEnumerable<StoredReading> Latest() => _latest.Values;

    /// <summary>The latest reading of <paramref name="mn"/>'s <paramref name="parameter"/> of <paramref name="kind"/>, or null.</summary>
    public StoredReading? Latest(string mn, string parameter, DataKind kind) => _latest.GetValueOrDefault((mn, parameter, kind));

    /// <summary>The stored readings that match <paramref name="query"/>, by station, parameter, kind and time.</summary>
    public IEnumerable<StoredReading> Readings(ReadingQuery query)
    {
        using var connection = Open(_connectionString, Path);
        using var command = connection.CreateCommand();
        var where = new List<string>();
        void Filter(string clause, string name, object? value)
        {
            if (value is not null)
            {
                where.Add(clause);
                command.Parameters.Add(new DuckDBParameter(name, value));
            }
        }

        Filter("mn = $mn", "mn", query.Mn);
        Filter("parameter = $parameter", "parameter", query.Parameter);
        Filter("kind = $kind", "kind", query.Kind is { } kind ? (byte)kind : null);
        Filter("time >= $from", "from", query.From?.UtcDateTime);
        Filter("time < $to", "to", query.To?.UtcDateTime);
        command.CommandText = "SELECT mn, parameter, kind, time, value, min, max, flag, frame, revised FROM readings"
            + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") + " ORDER BY mn, parameter, kind, time";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var reading = new Reading(
                reader.GetString(0), reader.GetString(1), (DataKind)reader.GetByte(2),
                new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc)),
                NullableDouble(reader, 4), NullableDouble(reader, 5), NullableDouble(reader, 6), reader.GetString(7));
            yield return new StoredReading(reading, reader.GetInt64(8), reader.GetBoolean(9));
        }
    }

    /// <summary>How many revisions (later frames with other data for a stored reading) the store holds.</summary>
    public long RevisionCount() => Scalar<long>(_writer, "SELECT count(*) FROM revisions");

    /// <summary>Recomputes the archive's hash chain from the first record and reports the first break.</summary>
    public ArchiveVerification VerifyArchive()
    {
        using var connection = Open(_connectionString, Path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, received, remote, connection, mn, cn, outcome, frame, hash FROM archive ORDER BY seq";
        using var reader = command.ExecuteReader();
        var previous = ArchiveChain.Genesis;
        long expected = 0;
        while (reader.Read())
        {
            var sequence = reader.GetInt64(0);
            if (sequence != expected)
            {
                return new ArchiveVerification(expected, expected, $"record {expected} is missing (next is {sequence})");
            }

            var frame = new ArchivedFrame(
                new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc)),
                reader.GetString(2), reader.GetString(3), NullableString(reader, 4), NullableString(reader, 5), reader.GetString(6),
                Blob(reader, 7));
            var hash = ArchiveChain.Hash(previous, sequence, frame);
            if (!hash.AsSpan().SequenceEqual(Blob(reader, 8)))
            {
                return new ArchiveVerification(sequence, sequence, $"record {sequence} does not match its hash: it, or one before it, was changed");
            }

            previous = hash;
            expected++;
        }

        return new ArchiveVerification(expected, null, null);
    }

    /// <summary>The archived frame <paramref name="sequence"/>, or null.</summary>
    public ArchivedFrame? ArchivedFrame(long sequence)
    {
        using var connection = Open(_connectionString, Path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT received, remote, connection, mn, cn, outcome, frame FROM archive WHERE seq = $seq";
        command.Parameters.Add(new DuckDBParameter("seq", sequence));
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new ArchivedFrame(new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc)),
                reader.GetString(1), reader.GetString(2), NullableString(reader, 3), NullableString(reader, 4), reader.GetString(5), Blob(reader, 6))
            : null;
    }

    /// <summary>The registered stations.</summary>
    public IReadOnlyList<Station> Stations()
    {
        using var connection = Open(_connectionString, Path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT fields FROM stations ORDER BY mn";
        using var reader = command.ExecuteReader();
        var stations = new List<Station>();
        while (reader.Read())
        {
            var fields = JsonSerializer.Deserialize(reader.GetString(0), StoreJson.Default.DictionaryStringString)!;
            var errors = new List<string>();
            stations.Add(StationFields.TryRead(fields, errors)
                ?? throw new InvalidDataException($"stored station {fields.GetValueOrDefault("mn")} is invalid: {string.Join("; ", errors)}"));
        }

        return stations;
    }

    /// <summary>Adds or replaces <paramref name="stations"/> (by MN) in one transaction.</summary>
    public void SaveStations(IEnumerable<Station> stations)
    {
        lock (_writeLock)
        {
            using var transaction = _writer.BeginTransaction();
            foreach (var station in stations)
            {
                var fields = JsonSerializer.Serialize(StationFields.ToFields(station), StoreJson.Default.DictionaryStringString);
                Execute(_writer, "INSERT OR REPLACE INTO stations VALUES ($mn, $fields)", [("mn", station.Mn), ("fields", fields)]);
            }

            transaction.Commit();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();

    private void Migrate()
    {
        Execute(_writer, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        var version = Scalar<long?>(_writer, "SELECT max(version) FROM schema_version") ?? 0;
        if (version > SchemaVersion)
        {
            throw new InvalidDataException($"the store {Path} has schema {version}, newer than this envmon's {SchemaVersion}: upgrade envmon");
        }

        if (version < 1)
        {
            using var transaction = _writer.BeginTransaction();
            Execute(_writer, """
                CREATE TABLE stations (mn VARCHAR PRIMARY KEY, fields VARCHAR NOT NULL);
                CREATE TABLE archive (seq BIGINT NOT NULL, received TIMESTAMP NOT NULL, remote VARCHAR NOT NULL, connection VARCHAR NOT NULL,
                    mn VARCHAR, cn VARCHAR, outcome VARCHAR NOT NULL, frame BLOB NOT NULL, hash BLOB NOT NULL);
                CREATE TABLE readings (mn VARCHAR NOT NULL, parameter VARCHAR NOT NULL, kind UTINYINT NOT NULL, time TIMESTAMP NOT NULL,
                    value DOUBLE, min DOUBLE, max DOUBLE, flag VARCHAR NOT NULL, frame BIGINT NOT NULL, revised BOOLEAN NOT NULL);
                CREATE TABLE revisions AS SELECT * FROM readings LIMIT 0;
                INSERT INTO schema_version VALUES (1);
                """);
            transaction.Commit();
        }

        Execute(_writer, "CREATE TEMP TABLE incoming AS SELECT * FROM readings LIMIT 0");
    }

    private void LoadHead()
    {
        using var command = _writer.CreateCommand();
        command.CommandText = "SELECT seq, hash FROM archive ORDER BY seq DESC LIMIT 1";
        using var reader = command.ExecuteReader();
        if (reader.Read())
        {
            _nextSequence = reader.GetInt64(0) + 1;
            _head = Blob(reader, 1);
        }
    }

    private void LoadLatest()
    {
        using var command = _writer.CreateCommand();
        command.CommandText = """
            SELECT mn, parameter, kind, time, value, min, max, flag, frame, revised FROM readings
            QUALIFY row_number() OVER (PARTITION BY mn, parameter, kind ORDER BY time DESC) = 1
            """;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var reading = new Reading(reader.GetString(0), reader.GetString(1), (DataKind)reader.GetByte(2),
                new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc)),
                NullableDouble(reader, 4), NullableDouble(reader, 5), NullableDouble(reader, 6), reader.GetString(7));
            _latest[(reading.Mn, reading.Parameter, reading.Kind)] = new StoredReading(reading, reader.GetInt64(8), reader.GetBoolean(9));
        }
    }

    private static DuckDBConnection Open(string connectionString, string path)
    {
        var connection = new DuckDBConnection(connectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch (DuckDBException e) when (e.Message.Contains("lock", StringComparison.OrdinalIgnoreCase))
        {
            connection.Dispose();
            throw new StoreInUseException(path, e);
        }
    }

    private static DuckDBCommand Command(DuckDBConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(name, value));
        }

        return command;
    }

    private static int Execute(DuckDBConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static T Scalar<T>(DuckDBConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        var result = command.ExecuteScalar();
        return result is null or DBNull ? default! : (T)Convert.ChangeType(result, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static double? NullableDouble(DuckDBDataReader record, int i) => record.IsDBNull(i) ? null : record.GetDouble(i);

    private static string? NullableString(DuckDBDataReader record, int i) => record.IsDBNull(i) ? null : record.GetString(i);

    private static byte[] Blob(DuckDBDataReader record, int i)
        => record.GetValue(i) switch
        {
            byte[] bytes => bytes,
            Stream stream => ReadAll(stream),
            var other => throw new InvalidDataException($"unexpected blob type {other.GetType()}"),
        };

    private static byte[] ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
