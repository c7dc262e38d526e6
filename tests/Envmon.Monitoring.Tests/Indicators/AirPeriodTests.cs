using Envmon.Monitoring.Indicators.Air;

namespace Envmon.Monitoring.Tests.Indicators;

/// <summary>Period statistics (HJ 663) and the ranking of cities.</summary>
public sealed class AirPeriodTests
{
    private static readonly IReadOnlyDictionary<string, int> Equal = AirEvaluation.WeightSets["equal"];

    private static AirDay Day(int day, decimal pm25, decimal o3EightHour, int? aqi)
        => new(new DateOnly(2026, 11, 1).AddDays(day), new DailyValues(10, 30, 0.8m, 60, pm25, o3EightHour + 20, o3EightHour), aqi);

    [Fact]
    public void ThePeriodTakesMeansOfFourAndPercentilesOfCoAndO3()
    {
        // Ten days: PM2.5 30 … 48 (mean 39), O3-8h 100 … 190 (90th percentile 181).
        var days = Enumerable.Range(0, 10).Select(d => Day(d, 30 + (2 * d), 100 + (10 * d), d < 7 ? 80 : 210)).ToList();
        var summary = AirPeriod.Summarize(days, LimitSet.V2012, Equal);
        Assert.Equal(39m, summary.Pollutants["PM2.5"].Mean);
        Assert.Equal(181m, summary.Pollutants["O3"].PercentileValue);
        // 10/60 + 30/40 + 60/70 + 39/35 + 0.8/4 + 181/160 = 4.2193…
        Assert.Equal(4.22m, summary.Composite!.Index);
        Assert.Equal((10, 7, 70.0m, 3), (summary.AqiDays, summary.GoodDays, summary.GoodShare, summary.HeavyDays));
        Assert.Empty(summary.Missing);
    }

    [Fact]
    public void APollutantWithoutValidDaysLeavesTheCompositeIndexOut()
    {
        var days = new[] { new AirDay(new DateOnly(2026, 11, 1), new DailyValues(So2: 10, No2: 30, Pm10: 60, Pm25: 30), null) };
        var summary = AirPeriod.Summarize(days, LimitSet.V2026Transition, Equal);
        Assert.Null(summary.Composite);
        Assert.Equal(["CO", "O3"], summary.Missing);
        Assert.Null(summary.GoodShare);
    }

    [Theory]
    [InlineData(new[] { 3.1, 2.0, 4.5 }, new[] { 2, 1, 3 })]
    [InlineData(new[] { 2.0, 2.0, 4.5, 1.0 }, new[] { 2, 2, 4, 1 })]
    [InlineData(new[] { 5.0, 5.0, 5.0 }, new[] { 1, 1, 1 })]
    public void TiesShareARankAndTheNextRankSkips(double[] keys, int[] ranks)
    {
        var ranked = AirPeriod.Rank(Enumerable.Range(0, keys.Length), i => (decimal)keys[i]);
        Assert.Equal(ranks, Enumerable.Range(0, keys.Length).Select(i => ranked.Single(r => r.Item == i).Rank!.Value));
    }

    [Fact]
    public void ItemsWithoutAKeyComeLastUnranked()
    {
        var ranked = AirPeriod.Rank(["a", "b", "c"], s => s == "b" ? null : s == "a" ? 2m : 1m);
        Assert.Equal([("c", 1), ("a", 2), ("b", (int?)null)], ranked);
    }
}
