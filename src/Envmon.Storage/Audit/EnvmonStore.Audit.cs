using Envmon.Storage.Archive;
using Envmon.Storage.Audit;

namespace Envmon.Storage;

/// <summary>
/// The audit log: append-only and hash-chained like the raw archive. Review actions, configuration changes, locks,
/// QA windows, users and case triage are recorded here first; the server rebuilds their state from it at start, so
/// the log is the record and nothing it describes can change without a trace.
/// </summary>
public sealed partial class EnvmonStore
{
    private long _nextAudit;
    private byte[] _auditHead = HashChain.Genesis;

    /// <summary>How many audit entries the log holds.</summary>
    public long AuditCount => Interlocked.Read(ref _nextAudit);

    /// <summary>Appends one entry durably and returns it.</summary>
    public AuditEntry Audit(string actor, string action, string target, string detail, DateTimeOffset time)
    {
        lock (_writeLock)
        {
            var sequence = _nextAudit;
            var hash = AuditHash(_auditHead, sequence, time, actor, action, target, detail);
            Execute(_writer, "INSERT INTO audit VALUES ($seq, $time, $actor, $action, $target, $detail, $hash)",
                ("seq", sequence), ("time", time.UtcDateTime), ("actor", actor), ("action", action), ("target", target), ("detail", detail), ("hash", hash));
            _auditHead = hash;
            Interlocked.Exchange(ref _nextAudit, sequence + 1);
            return new AuditEntry(sequence, Utc(time.UtcDateTime), actor, action, target, detail, hash);
        }
    }

    /// <summary>The entries whose action starts with <paramref name="actionPrefix"/> (all when null), from <paramref name="from"/> on, in order.</summary>
    public IReadOnlyList<AuditEntry> AuditLog(string? actionPrefix = null, long from = 0)
    {
        using var connection = Open(_connectionString, Path);
        using var command = Command(connection,
            "SELECT seq, time, actor, action, target, detail, hash FROM audit WHERE seq >= $from"
                + (actionPrefix is null ? "" : " AND starts_with(action, $prefix)") + " ORDER BY seq",
            actionPrefix is null ? [("from", from)] : [("from", from), ("prefix", actionPrefix)]);
        using var reader = command.ExecuteReader();
        var entries = new List<AuditEntry>();
        while (reader.Read())
        {
            entries.Add(new AuditEntry(reader.GetInt64(0), Utc(reader.GetDateTime(1)), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), Blob(reader, 6)));
        }

        return entries;
    }

    /// <summary>Recomputes the audit log's hash chain from the first entry and reports the first break.</summary>
    public ArchiveVerification VerifyAudit()
    {
        var previous = HashChain.Genesis;
        long expected = 0;
        foreach (var entry in AuditLog())
        {
            if (entry.Sequence != expected)
            {
                return new ArchiveVerification(expected, expected, $"audit entry {expected} is missing (next is {entry.Sequence})");
            }

            var hash = AuditHash(previous, entry.Sequence, entry.Time, entry.Actor, entry.Action, entry.Target, entry.Detail);
            if (!hash.AsSpan().SequenceEqual(entry.Hash))
            {
                return new ArchiveVerification(expected, expected, $"audit entry {expected} does not match its hash: it, or one before it, was changed");
            }

            previous = hash;
            expected++;
        }

        return new ArchiveVerification(expected, null, null);
    }

    private static byte[] AuditHash(ReadOnlySpan<byte> previous, long sequence, DateTimeOffset time, string actor, string action, string target, string detail)
        => HashChain.Link(previous, sequence, time, [actor, action, target, detail]);

    private void LoadAuditHead() => (_nextAudit, _auditHead) = ChainHead("audit");
}
