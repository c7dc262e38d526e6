using Envmon.Monitoring.Readings;
using Envmon.Storage.Archive;
using Envmon.Storage.Readings;
using Envmon.Storage.Tests.Support;

namespace Envmon.Storage.Tests.Readings;

public sealed class CommitTests : IDisposable
{
    private static readonly DateTimeOffset Hour = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly TemporaryStore _store = new();

    public void Dispose() => _store.Dispose();

    private static ArchivedFrame Frame(string text = "##0010QN=1;ST=22") => new(Hour, "127.0.0.1:5000", "c1", "M1", "2061", "ok", System.Text.Encoding.ASCII.GetBytes(text));

    private static Reading Pm25(double value, int hour = 0, string flag = "N")
        => new("M1", "PM2.5", DataKind.Hour, Hour.AddHours(hour), value, null, null, flag);

    private CommitResult Commit(params Reading[] readings)
    {
        var batch = new IngestBatch();
        batch.Add(Frame(), readings);
        return _store.Store.Commit(batch);
    }

    [Fact]
    public void CommittedReadingsAreStoredAndSurviveARestart()
    {
        var result = Commit(Pm25(35), Pm25(40, hour: 1));
        Assert.Equal(2, result.Inserted);
        _store.Reopen();
        var stored = _store.Store.Readings(new ReadingQuery(Mn: "M1")).ToList();
        Assert.Equal([35.0, 40.0], stored.Select(s => s.Reading.Value!.Value));
        Assert.All(stored, s => Assert.Equal(0, s.Frame));
        Assert.Equal(40, _store.Store.Latest("M1", "PM2.5", DataKind.Hour)!.Reading.Value);
    }

    [Fact]
    public void AResentReadingIsADuplicateAndStoredOnce()
    {
        Commit(Pm25(35));
        var again = Commit(Pm25(35));
        Assert.Equal((0, 1, 0), (again.Inserted, again.Duplicates, again.Revisions));
        Assert.Single(_store.Store.Readings(new ReadingQuery()));
        Assert.Equal(2, _store.Store.ArchiveCount);
    }

    [Fact]
    public void ADifferentValueForAStoredReadingIsKeptAsARevisionAndTheFirstValueStays()
    {
        Commit(Pm25(35));
        var revised = Commit(Pm25(12));
        Assert.Equal((0, 0, 1), (revised.Inserted, revised.Duplicates, revised.Revisions));
        var stored = Assert.Single(_store.Store.Readings(new ReadingQuery()));
        Assert.Equal(35, stored.Reading.Value);
        Assert.True(stored.Revised);
        Assert.Equal(1, _store.Store.RevisionCount());
    }

    [Fact]
    public void AChangedFlagIsARevisionToo()
    {
        Commit(Pm25(35));
        Assert.Equal(1, Commit(Pm25(35, flag: "M")).Revisions);
    }

    [Fact]
    public void DuplicatesAndRevisionsInsideOneBatchAreFoundAsWell()
    {
        var result = Commit(Pm25(35), Pm25(35), Pm25(50));
        Assert.Equal((1, 1, 1), (result.Inserted, result.Duplicates, result.Revisions));
        var stored = Assert.Single(_store.Store.Readings(new ReadingQuery()));
        Assert.Equal(35, stored.Reading.Value);
        Assert.True(stored.Revised);
    }

    [Fact]
    public void QueriesFilterByStationParameterKindAndHalfOpenTimeRange()
    {
        Commit(Pm25(1), Pm25(2, hour: 1), Pm25(3, hour: 2), new Reading("M2", "PM2.5", DataKind.Hour, Hour, 9, null, null, "N"),
            new Reading("M1", "SO2", DataKind.Hour, Hour, 5, null, null, "N"), new Reading("M1", "PM2.5", DataKind.Minute, Hour, 7, 6, 8, "N"));
        var range = _store.Store.Readings(new ReadingQuery("M1", "PM2.5", DataKind.Hour, Hour.AddHours(1), Hour.AddHours(2))).ToList();
        Assert.Equal([2.0], range.Select(r => r.Reading.Value!.Value));
        var hour = _store.Store.Readings(new ReadingQuery(Kind: DataKind.Hour, From: Hour, To: Hour.AddHours(1))).ToList();
        Assert.Equal(["M1/PM2.5", "M1/SO2", "M2/PM2.5"], hour.Select(r => $"{r.Reading.Mn}/{r.Reading.Parameter}"));
        var minute = Assert.Single(_store.Store.Readings(new ReadingQuery(Kind: DataKind.Minute)));
        Assert.Equal((6.0, 8.0), (minute.Reading.Min!.Value, minute.Reading.Max!.Value));
    }

    [Fact]
    public void ArchiveSequenceContinuesAfterARestart()
    {
        Commit(Pm25(1));
        _store.Reopen();
        var result = Commit(Pm25(2, hour: 1));
        Assert.Equal(1, result.FirstSequence);
        Assert.True(_store.Store.VerifyArchive().Intact);
    }
}
