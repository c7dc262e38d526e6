using DuckDB.NET.Data;
using Envmon.Storage.Archive;
using Envmon.Storage.Readings;
using Envmon.Storage.Tests.Support;

namespace Envmon.Storage.Tests.Archive;

public sealed class ArchiveTests : IDisposable
{
    private readonly TemporaryStore _store = new();

    public void Dispose() => _store.Dispose();

    private void Archive(int frames)
    {
        var batch = new IngestBatch();
        for (var i = 0; i < frames; i++)
        {
            batch.Add(new ArchivedFrame(DateTimeOffset.UnixEpoch.AddSeconds(i), "127.0.0.1:1", "c", i % 2 == 0 ? "M1" : null, null,
                "ok", [(byte)'#', (byte)'#', (byte)i]), []);
        }

        _store.Store.Commit(batch);
    }

    private void Tamper(string sql)
    {
        _store.Store.Dispose();
        using (var connection = new DuckDBConnection($"Data Source={_store.Store.Path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        _store.Reopen();
    }

    [Fact]
    public void FramesAreKeptByteForByte()
    {
        Archive(3);
        Assert.Equal([(byte)'#', (byte)'#', 2], _store.Store.ArchivedFrame(2)!.Bytes);
        Assert.Equal(new ArchiveVerification(3, null, null), _store.Store.VerifyArchive());
    }

    [Theory]
    [InlineData("UPDATE archive SET frame = '\\x00'::BLOB WHERE seq = 1", 1L, "does not match its hash")]
    [InlineData("UPDATE archive SET outcome = 'crc-mismatch' WHERE seq = 2", 2L, "does not match its hash")]
    [InlineData("DELETE FROM archive WHERE seq = 1", 1L, "record 1 is missing")]
    [InlineData("UPDATE archive SET received = received + INTERVAL 1 SECOND WHERE seq = 0", 0L, "does not match its hash")]
    public void AnyChangeOrDeletionBreaksTheChainAtThatRecord(string sql, long firstBad, string problem)
    {
        Archive(4);
        Tamper(sql);
        var verification = _store.Store.VerifyArchive();
        Assert.False(verification.Intact);
        Assert.Equal(firstBad, verification.FirstBad);
        Assert.Contains(problem, verification.Problem, StringComparison.Ordinal);
    }
}
