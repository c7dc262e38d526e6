using Envmon.Monitoring.Readings;
using Envmon.Storage.Archive;
using Envmon.Storage.Indicators;
using Envmon.Storage.Readings;
using Envmon.Storage.Tests.Support;

namespace Envmon.Storage.Tests.Indicators;

/// <summary>Stored indicators (newest version wins) and the dense hourly read, on a real DuckDB file.</summary>
public sealed class IndicatorStoreTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 16, 0, 0, TimeSpan.Zero);
    private readonly TemporaryStore _store = new();

    public void Dispose() => _store.Dispose();

    private static IndicatorRecord Hour(string code, int hour, int? aqi, string detail)
        => new(IndicatorScope.Station, code, IndicatorPeriod.Hour, Start.AddHours(hour), aqi, detail);

    [Fact]
    public void ReadsSeeTheNewestVersionOfEachKeyAfterARestart()
    {
        _store.Store.SaveIndicators([Hour("M1", 0, 50, "{\"v\":1}"), Hour("M1", 1, 60, "{\"v\":2}"), Hour("M2", 0, 70, "{\"v\":3}")], Start);
        _store.Store.SaveIndicators([Hour("M1", 0, 55, "{\"v\":4}")], Start.AddMinutes(5));
        _store.Reopen();
        var m1 = _store.Store.Indicators(new IndicatorQuery(IndicatorScope.Station, IndicatorPeriod.Hour, "M1"));
        Assert.Equal([(Start, 55, "{\"v\":4}"), (Start.AddHours(1), 60, "{\"v\":2}")], m1.Select(r => (r.Start, r.Aqi!.Value, r.Detail)));
        _store.Store.SaveIndicators([Hour("M1", 2, null, "{}")], Start.AddMinutes(6));
        var ranged = _store.Store.Indicators(new IndicatorQuery(IndicatorScope.Station, IndicatorPeriod.Hour, From: Start.AddHours(1), To: Start.AddHours(3)));
        Assert.Equal([("M1", (int?)60), ("M1", null)], ranged.Select(r => (r.Code, r.Aqi)));
        Assert.Empty(_store.Store.Indicators(new IndicatorQuery(IndicatorScope.City, IndicatorPeriod.Hour)));
    }

    [Fact]
    public void TheHourlyMatrixHoldsTheStoredValidHoursAndNothingElse()
    {
        var batch = new IngestBatch();
        batch.Add(new ArchivedFrame(Start, "127.0.0.1:5000", "c1", "M1", "2061", "ok", [1, 2, 3]),
        [
            new Reading("M1", "PM2.5", DataKind.Hour, Start, 35, null, null, "N"),
            new Reading("M1", "PM2.5", DataKind.Hour, Start.AddHours(2), 40, null, null, "N"),
            new Reading("M1", "PM2.5", DataKind.Hour, Start.AddHours(3), 400, null, null, "C"),
            new Reading("M1", "PM2.5", DataKind.Minute, Start.AddHours(1), 45, null, null, "N"),
            new Reading("M1", "PM2.5", DataKind.Hour, Start.AddHours(5), 50, null, null, "N"),
            new Reading("M2", "PM10", DataKind.Hour, Start.AddHours(1), 80, null, null, ""),
            new Reading("M3", "PM10", DataKind.Hour, Start.AddHours(1), 90, null, null, "N"),
        ]);
        _store.Store.Commit(batch);
        var matrix = _store.Store.HourlyValues(["M1", "M2"], ["PM2.5", "PM10"], Start, 5, ["N", ""]);
        Assert.Equal([35, double.NaN, 40, double.NaN, double.NaN], matrix.Series(0, 0).ToArray());
        Assert.All(matrix.Series(0, 1).ToArray(), v => Assert.True(double.IsNaN(v)));
        Assert.Equal([double.NaN, 80, double.NaN, double.NaN, double.NaN], matrix.Series(1, 1).ToArray());
    }
}
