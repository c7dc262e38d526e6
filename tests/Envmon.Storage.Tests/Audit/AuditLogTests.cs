using DuckDB.NET.Data;
using Envmon.Storage.Archive;
using Envmon.Storage.Tests.Support;

namespace Envmon.Storage.Tests.Audit;

/// <summary>The audit log: durable, in order, and any edit or deletion is found by recomputing the chain.</summary>
public sealed class AuditLogTests : IDisposable
{
    private readonly TemporaryStore _store = new();

    public void Dispose() => _store.Dispose();

    private void Record(int entries)
    {
        for (var i = 0; i < entries; i++)
        {
            _store.Store.Audit($"user{i}", "review.mark", "410100A0001", $$"""{"n":{{i}},"reason":"标定"}""", DateTimeOffset.UnixEpoch.AddMinutes(i));
        }
    }

    [Fact]
    public void EntriesSurviveAReopenInOrderAndTheChainGoesOnFromItsHead()
    {
        Record(2);
        _store.Reopen();
        Record(1);
        var log = _store.Store.AuditLog();
        Assert.Equal([0L, 1L, 2L], log.Select(e => e.Sequence));
        Assert.Equal("""{"n":0,"reason":"标定"}""", log[0].Detail);
        Assert.Equal(new ArchiveVerification(3, null, null), _store.Store.VerifyAudit());
        Assert.Single(_store.Store.AuditLog("review.", from: 2));
        Assert.Empty(_store.Store.AuditLog("user."));
    }

    [Theory]
    [InlineData("UPDATE audit SET detail = '{\"n\":1,\"reason\":\"其他\"}' WHERE seq = 1", 1L, "does not match its hash")]
    [InlineData("UPDATE audit SET actor = 'someone' WHERE seq = 2", 2L, "does not match its hash")]
    [InlineData("UPDATE audit SET time = time + INTERVAL 1 SECOND WHERE seq = 0", 0L, "does not match its hash")]
    [InlineData("DELETE FROM audit WHERE seq = 1", 1L, "entry 1 is missing")]
    [InlineData("DELETE FROM audit WHERE seq = 0", 0L, "entry 0 is missing")]
    public void AnyEditOrDeletionIsFoundAtTheRightEntry(string sql, long firstBad, string problem)
    {
        Record(4);
        _store.Store.Dispose();
        using (var connection = new DuckDBConnection($"Data Source={_store.Store.Path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        _store.Reopen();
        var verification = _store.Store.VerifyAudit();
        Assert.Equal(firstBad, verification.FirstBad);
        Assert.Contains(problem, verification.Problem, StringComparison.Ordinal);
    }
}
