using System.Collections.Concurrent;
using System.Runtime.InteropServices;
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
public sealed partial class EnvmonStore : IDisposable
{
    private const int SchemaVersion = 4;

    private readonly string _connectionString;
    private readonly DuckDBConnection _writer;
    private readonly Lock _writeLock = new();
    private readonly ConcurrentDictionary<(string Mn, string Parameter, DataKind Kind), StoredReading> _latest = new();

    // The writer's working sets, kept from commit to commit so that a batch allocates nothing per reading.
    private readonly Dictionary<(string, string, DataKind, DateTime), int> _batchIndex = [];
    private readonly List<Series> _batchSeries = [];
    private readonly List<(string, string, DataKind, DateTime)> _olderKeys = [];
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
        LoadIndicatorSequence();
        LoadAuditHead();
        LoadQcSequence();
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
    /// Writes <paramref name="batch"/> in one transaction: every frame to the archive (chained) and every reading,
    /// in arrival order: a reading not stored yet is inserted; one with the same data as the stored value or as one
    /// of its revisions is a duplicate (so resending any frame changes nothing); any other is kept as a revision with
    /// its frame, and the stored value stays, marked revised. When this returns, the batch is durable; when it
    /// throws, nothing of it was written.
    /// </summary>
    public CommitResult Commit(IngestBatch batch)
    {
        lock (_writeLock)
        {
            try
            {
                return WriteBatch(batch);
            }
            finally
            {
                // The working sets are kept for the next batch, emptied so that they hold no reading meanwhile.
                _batchIndex.Clear();
                _batchSeries.Clear();
                _olderKeys.Clear();
            }
        }
    }

    private CommitResult WriteBatch(IngestBatch batch)
    {
        using var transaction = _writer.BeginTransaction();
        var (sequence, head) = AppendArchive(batch);
        var frame = _nextSequence;
        foreach (var (_, readings) in batch.Items)
        {
            foreach (var reading in readings)
            {
                var key = Key(reading);
                ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_batchIndex, key, out var seen);
                if (seen)
                {
                    (CollectionsMarshal.AsSpan(_batchSeries)[index].More ??= []).Add((reading, frame));
                    continue;
                }

                index = _batchSeries.Count;
                _batchSeries.Add(new Series(reading, frame));
                if (_latest.TryGetValue((reading.Mn, reading.Parameter, reading.Kind), out var newest) && reading.Time <= newest.Reading.Time)
                {
                    _olderKeys.Add(key);
                }
            }

            frame++;
        }

        LoadStored();
        var result = WriteReadings();
        transaction.Commit();
        var firstSequence = _nextSequence;
        _head = head;
        Interlocked.Exchange(ref _nextSequence, sequence);
        foreach (var entry in CollectionsMarshal.AsSpan(_batchSeries))
        {
            if (entry.Inserted is { } stored)
            {
                _latest.AddOrUpdate((stored.Reading.Mn, stored.Reading.Parameter, stored.Reading.Kind), static (_, s) => s,
                    static (_, existing, s) => existing.Reading.Time < s.Reading.Time ? s : existing, stored);
            }
        }

        return result with { FirstSequence = firstSequence };
    }

    private (long Sequence, byte[] Head) AppendArchive(IngestBatch batch)
    {
        var sequence = _nextSequence;
        var head = _head;
        using var archive = _writer.CreateAppender("archive");
        foreach (var (frame, _) in batch.Items)
        {
            head = ArchiveChain.Hash(head, sequence, frame);
            archive.CreateRow()
                .AppendValue(sequence).AppendValue(frame.Received.UtcDateTime).AppendValue(frame.Remote)
                .AppendValue(frame.Connection).AppendValue(frame.Mn).AppendValue(frame.Cn).AppendValue(frame.Outcome)
                .AppendValue(frame.Bytes).AppendValue(head)
                .EndRow();
            sequence++;
        }

        return (sequence, head);
    }

    // A reading later than the newest stored one of its series cannot be stored yet (the normal flow, no look-up).
    // For the rest (resends, recalls, late data) the stored value and revisions are read, in one query over a staging
    // table of their keys limited to their time range, so DuckDB's zone maps skip the row groups of other times.
    private void LoadStored()
    {
        if (_olderKeys.Count == 0)
        {
            return;
        }

        var (from, to) = StageKeys(_olderKeys);
        using var command = Command(_writer, $"""
            SELECT r.mn, r.parameter, r.kind, r.time, r.value, r.min, r.max, r.flag, true FROM incoming i JOIN readings r ON {Match}
            UNION ALL
            SELECT r.mn, r.parameter, r.kind, r.time, r.value, r.min, r.max, r.flag, false FROM incoming i JOIN revisions r ON {Match}
            """, [("from", from), ("to", to)]);
        using var reader = command.ExecuteReader();
        var series = CollectionsMarshal.AsSpan(_batchSeries);
        while (reader.Read())
        {
            var reading = ReadReading(reader);
            ref var entry = ref series[_batchIndex[Key(reading)]];
            (entry.Known ??= []).Add(reading);
            entry.Stored |= reader.GetBoolean(8);
        }
    }

    // Decides each arrival, in order, against what is known of its key (the stored value and revisions, and the
    // arrivals before it in this batch), then appends inserts and revisions and marks the stored readings that got a
    // revision.
    private CommitResult WriteReadings()
    {
        int inserted = 0, duplicates = 0, revisions = 0;
        var marked = new List<(string, string, DataKind, DateTime)>();
        // Revisions are rare: their appender is made for the first one (each appender costs a look-up of its table).
        DuckDBAppender? revised = null;
        try
        {
            using var readings = _writer.CreateAppender("readings");
            var series = CollectionsMarshal.AsSpan(_batchSeries);
            for (var s = 0; s < series.Length; s++)
            {
                ref var entry = ref series[s];
                StoredReading? insert = null;
                var mark = false;
                var arrivals = 1 + (entry.More?.Count ?? 0);
                for (var a = 0; a < arrivals; a++)
                {
                    var (reading, frame) = entry.Arrival(a);
                    if (entry.Knows(reading, a))
                    {
                        duplicates++;
                        continue;
                    }

                    if (!entry.Stored && insert is null)
                    {
                        insert = new StoredReading(reading, frame, false);
                        inserted++;
                    }
                    else
                    {
                        revised ??= _writer.CreateAppender("revisions");
                        AppendReading(revised.CreateRow(), reading, frame, revised: false).EndRow();
                        revisions++;
                        insert = insert is null ? null : insert with { Revised = true };
                        mark = insert is null;
                    }
                }

                if (mark)
                {
                    marked.Add(Key(entry.First));
                }

                if (insert is not null)
                {
                    AppendReading(readings.CreateRow(), insert.Reading, insert.Frame, insert.Revised).EndRow();
                    entry.Inserted = insert;
                }
            }
        }
        finally
        {
            revised?.Dispose();
        }

        if (marked.Count > 0)
        {
            var (from, to) = StageKeys(marked);
            Execute(_writer, $"UPDATE readings r SET revised = true FROM incoming i WHERE {Match}", ("from", from), ("to", to));
        }

        return new CommitResult(0, inserted, duplicates, revisions);
    }

    private const string Match = "r.mn = i.mn AND r.parameter = i.parameter AND r.kind = i.kind AND r.time = i.time AND r.time BETWEEN $from AND $to";

    private (DateTime From, DateTime To) StageKeys(List<(string Mn, string Parameter, DataKind Kind, DateTime Time)> keys)
    {
        Execute(_writer, "DELETE FROM incoming");
        using var incoming = _writer.CreateAppender("incoming");
        foreach (var (mn, parameter, kind, time) in keys)
        {
            incoming.CreateRow().AppendValue(mn).AppendValue(parameter).AppendValue((byte)kind).AppendValue(time).EndRow();
        }

        return (keys.Min(k => k.Time), keys.Max(k => k.Time));
    }

    // One reading key of a batch: its arrivals with their frames (nearly always just the first), the stored value and
    // revisions when it was looked up (Known; Stored when one of them is the stored value), and what it inserted.
    private struct Series(Reading first, long frame)
    {
        public readonly Reading First = first;
        public readonly long FirstFrame = frame;
        public List<(Reading Reading, long Frame)>? More;
        public List<Reading>? Known;
        public bool Stored;
        public StoredReading? Inserted;

        public readonly (Reading Reading, long Frame) Arrival(int index) => index == 0 ? (First, FirstFrame) : More![index - 1];

        // Whether arrival number index has the data of a stored reading or of an earlier arrival.
        public readonly bool Knows(Reading reading, int index)
        {
            if (Known is not null)
            {
                foreach (var known in Known)
                {
                    if (known.SameDataAs(reading))
                    {
                        return true;
                    }
                }
            }

            for (var earlier = 0; earlier < index; earlier++)
            {
                if (Arrival(earlier).Reading.SameDataAs(reading))
                {
                    return true;
                }
            }

            return false;
        }
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
        var where = new Filters(command)
            .Add("mn = $mn", "mn", query.Mn).Add("parameter = $parameter", "parameter", query.Parameter)
            .Add("kind = $kind", "kind", query.Kind is { } kind ? (byte)kind : null)
            .Add("time >= $from", "from", query.From?.UtcDateTime).Add("time < $to", "to", query.To?.UtcDateTime);
        command.CommandText = $"SELECT mn, parameter, kind, time, value, min, max, flag, frame, revised FROM readings WHERE {where} ORDER BY mn, parameter, kind, time";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var reading = ReadReading(reader);
            yield return new StoredReading(reading, reader.GetInt64(8), reader.GetBoolean(9));
        }
    }

    /// <summary>The (station, kind, interval start) of every minute and hour reading since <paramref name="from"/>.</summary>
    public IEnumerable<(string Mn, DataKind Kind, DateTimeOffset Time)> Intervals(DateTimeOffset from)
    {
        using var connection = Open(_connectionString, Path);
        using var command = Command(connection, "SELECT DISTINCT mn, kind, time FROM readings WHERE kind IN ($minute, $hour) AND time >= $from",
            [("minute", (byte)DataKind.Minute), ("hour", (byte)DataKind.Hour), ("from", from.UtcDateTime)]);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return (reader.GetString(0), (DataKind)reader.GetByte(1), Utc(reader.GetDateTime(2)));
        }
    }

    /// <summary>Records a data recall (durably, like a commit).</summary>
    public void RecordRecall(RecallRecord recall)
    {
        lock (_writeLock)
        {
            Execute(_writer, "INSERT INTO recalls VALUES ($requested, $mn, $kind, $begin, $end, $reason, $outcome, $qn, $attempts, $missing)",
                ("requested", recall.Requested.UtcDateTime), ("mn", recall.Mn), ("kind", (byte)recall.Kind), ("begin", recall.Begin.UtcDateTime),
                ("end", recall.End.UtcDateTime), ("reason", recall.Reason), ("outcome", recall.Outcome), ("qn", (object?)recall.Qn ?? DBNull.Value),
                ("attempts", recall.Attempts), ("missing", recall.Missing));
        }
    }

    /// <summary>The recorded recalls, of one station or all, newest first.</summary>
    public IReadOnlyList<RecallRecord> Recalls(string? mn = null)
    {
        using var connection = Open(_connectionString, Path);
        using var command = Command(connection,
            "SELECT requested, mn, kind, begin_time, end_time, reason, outcome, qn, attempts, missing FROM recalls"
                + (mn is null ? "" : " WHERE mn = $mn") + " ORDER BY requested DESC",
            mn is null ? [] : [("mn", mn)]);
        using var reader = command.ExecuteReader();
        var recalls = new List<RecallRecord>();
        while (reader.Read())
        {
            recalls.Add(new RecallRecord(Utc(reader.GetDateTime(0)), reader.GetString(1), (DataKind)reader.GetByte(2), Utc(reader.GetDateTime(3)),
                Utc(reader.GetDateTime(4)), reader.GetString(5), reader.GetString(6), NullableString(reader, 7), reader.GetInt32(8), reader.GetInt32(9)));
        }

        return recalls;
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

        if (version < 2)
        {
            using var transaction = _writer.BeginTransaction();
            Execute(_writer, """
                CREATE TABLE recalls (requested TIMESTAMP NOT NULL, mn VARCHAR NOT NULL, kind UTINYINT NOT NULL, begin_time TIMESTAMP NOT NULL,
                    end_time TIMESTAMP NOT NULL, reason VARCHAR NOT NULL, outcome VARCHAR NOT NULL, qn VARCHAR, attempts INTEGER NOT NULL,
                    missing INTEGER NOT NULL);
                INSERT INTO schema_version VALUES (2);
                """);
            transaction.Commit();
        }

        if (version < 3)
        {
            using var transaction = _writer.BeginTransaction();
            Execute(_writer, """
                CREATE TABLE indicators (seq BIGINT NOT NULL, scope UTINYINT NOT NULL, code VARCHAR NOT NULL, period UTINYINT NOT NULL,
                    start TIMESTAMP NOT NULL, saved TIMESTAMP NOT NULL, aqi INTEGER, detail VARCHAR NOT NULL);
                INSERT INTO schema_version VALUES (3);
                """);
            transaction.Commit();
        }

        if (version < 4)
        {
            using var transaction = _writer.BeginTransaction();
            Execute(_writer, """
                CREATE TABLE audit (seq BIGINT NOT NULL, time TIMESTAMP NOT NULL, actor VARCHAR NOT NULL, action VARCHAR NOT NULL, target VARCHAR NOT NULL,
                    detail VARCHAR NOT NULL, hash BLOB NOT NULL);
                CREATE TABLE qc (seq BIGINT NOT NULL, mn VARCHAR NOT NULL, parameter VARCHAR NOT NULL, kind UTINYINT NOT NULL, time TIMESTAMP NOT NULL,
                    level UTINYINT NOT NULL, flags VARCHAR NOT NULL, config INTEGER NOT NULL, evaluated TIMESTAMP NOT NULL);
                INSERT INTO schema_version VALUES (4);
                """);
            transaction.Commit();
        }

        Execute(_writer, "CREATE TEMP TABLE incoming (mn VARCHAR NOT NULL, parameter VARCHAR NOT NULL, kind UTINYINT NOT NULL, time TIMESTAMP NOT NULL)");
    }

    private void LoadHead() => (_nextSequence, _head) = ChainHead("archive");

    // The next sequence number and the newest hash of a hash-chained table (0 and the genesis hash when it is empty).
    private (long Next, byte[] Head) ChainHead(string table)
    {
        using var command = _writer.CreateCommand();
        command.CommandText = $"SELECT seq, hash FROM {table} ORDER BY seq DESC LIMIT 1";
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0) + 1, Blob(reader, 1)) : (0, HashChain.Genesis);
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
            var reading = ReadReading(reader);
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

    // The WHERE clauses of a query, each added with its parameter only when it has a value.
    private sealed class Filters(DuckDBCommand command)
    {
        private readonly List<string> _clauses = ["true"];

        public Filters Add(string clause, string name, object? value)
        {
            if (value is not null)
            {
                _clauses.Add(clause);
                command.Parameters.Add(new DuckDBParameter(name, value));
            }

            return this;
        }

        public override string ToString() => string.Join(" AND ", _clauses);
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

    private static DateTimeOffset Utc(DateTime stored) => new(DateTime.SpecifyKind(stored, DateTimeKind.Utc));

    // Columns 0–7: mn, parameter, kind, time, value, min, max, flag.
    private static Reading ReadReading(DuckDBDataReader reader)
        => new(reader.GetString(0), reader.GetString(1), (DataKind)reader.GetByte(2),
            new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc)),
            NullableDouble(reader, 4), NullableDouble(reader, 5), NullableDouble(reader, 6), reader.GetString(7));

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
