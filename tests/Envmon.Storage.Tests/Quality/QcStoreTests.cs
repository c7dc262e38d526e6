using Envmon.Monitoring.Quality;
using Envmon.Monitoring.Readings;
using Envmon.Storage.Quality;
using Envmon.Storage.Tests.Support;

namespace Envmon.Storage.Tests.Quality;

/// <summary>Stored QC outcomes: the newest version of a reading's outcome is what reads see, flags and provenance intact.</summary>
public sealed class QcStoreTests : IDisposable
{
    private static readonly DateTimeOffset Hour = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);
    private readonly TemporaryStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public void TheNewestOutcomeWinsAcrossAReopenAndTheLevelFilterSeesOnlyFlaggedReadings()
    {
        var spike = new QcFlag(QcLevel.Suspect, "spike", "air-pm25-spike-hour", 1, "0123456789ab");
        var window = new QcFlag(QcLevel.Fail, "maintenance", "window-7", 1, "ba9876543210");
        _store.Store.SaveQc([
            new QcRecord("M1", "PM2.5", DataKind.Hour, Hour, QcLevel.Suspect, [spike], 1),
            new QcRecord("M1", "PM2.5", DataKind.Hour, Hour.AddHours(1), QcLevel.Fail, [spike, window], 1),
        ], Hour.AddHours(2));
        _store.Reopen();
        _store.Store.SaveQc([new QcRecord("M1", "PM2.5", DataKind.Hour, Hour, QcLevel.Pass, [], 2)], Hour.AddHours(3));

        var all = _store.Store.Qc(new QcQuery("M1"));
        Assert.Equal([(QcLevel.Pass, 2), (QcLevel.Fail, 1)], all.Select(r => (r.Level, r.Config)));
        Assert.Equal([spike, window], all[1].Flags);
        var flagged = Assert.Single(_store.Store.Qc(new QcQuery(AtLeast: QcLevel.Suspect)));
        Assert.Equal(Hour.AddHours(1), flagged.Time);
        Assert.Empty(_store.Store.Qc(new QcQuery(Kind: DataKind.Minute)));
    }
}
