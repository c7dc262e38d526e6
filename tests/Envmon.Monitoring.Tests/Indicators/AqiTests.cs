using System.Numerics;
using CsCheck;
using Envmon.Monitoring.Indicators;
using Envmon.Monitoring.Indicators.Air;

namespace Envmon.Monitoring.Tests.Indicators;

/// <summary>HJ 633 clauses beyond the shared vectors: exact breakpoints, the carry-up against a rational oracle, the changeover.</summary>
public sealed class AqiTests
{
    // Every table of standards.md §1.1, with the index at each breakpoint.
    public static TheoryData<string, AveragingPeriod, AirRules, decimal, int> Breakpoints()
    {
        var data = new TheoryData<string, AveragingPeriod, AirRules, decimal, int>();
        int[] index = [0, 50, 100, 150, 200, 300, 400, 500];
        void Table(string pollutant, AveragingPeriod period, AirRules rules, params decimal[] breakpoints)
        {
            for (var i = 0; i < breakpoints.Length; i++)
            {
                data.Add(pollutant, period, rules, breakpoints[i], index[i]);
            }
        }

        foreach (var rules in new[] { AirRules.V2012, AirRules.V2026 })
        {
            Table("SO2", AveragingPeriod.Day, rules, 0, 50, 150, 475, 800, 1600, 2100, 2620);
            Table("SO2", AveragingPeriod.Hour, rules, 0, 150, 500, 650, 800);
            Table("NO2", AveragingPeriod.Day, rules, 0, 40, 80, 180, 280, 565, 750, 940);
            Table("NO2", AveragingPeriod.Hour, rules, 0, 100, 200, 700, 1200, 2340, 3090, 3840);
            Table("CO", AveragingPeriod.Day, rules, 0, 2, 4, 14, 24, 36, 48, 60);
            Table("CO", AveragingPeriod.Hour, rules, 0, 5, 10, 35, 60, 90, 120, 150);
            Table("O3", AveragingPeriod.Hour, rules, 0, 160, 200, 300, 400, 800, 1000, 1200);
            Table("O3", AveragingPeriod.EightHours, rules, 0, 100, 160, 215, 265, 800);
        }

        Table("PM10", AveragingPeriod.Day, AirRules.V2012, 0, 50, 150, 250, 350, 420, 500, 600);
        Table("PM10", AveragingPeriod.Day, AirRules.V2026, 0, 50, 120, 250, 350, 420, 500, 600);
        Table("PM2.5", AveragingPeriod.Day, AirRules.V2012, 0, 35, 75, 115, 150, 250, 350, 500);
        Table("PM2.5", AveragingPeriod.Day, AirRules.V2026, 0, 35, 60, 115, 150, 250, 350, 500);
        return data;
    }

    [Theory]
    [MemberData(nameof(Breakpoints))]
    public void AConcentrationOnABreakpointGivesExactlyItsIndexAndAHundredthMoreGivesOneMore(
        string pollutant, AveragingPeriod period, AirRules rules, decimal breakpoint, int index)
    {
        var on = Iaqi.Compute(pollutant, period, breakpoint, rules);
        Assert.Equal((index, "breakpoint"), (on.Value!.Value, on.Rule));
        var above = Iaqi.Compute(pollutant, period, breakpoint + 0.01m, rules);
        if (above.Value is { } next && above.Rule == "interpolated")
        {
            Assert.Equal(index + 1, next);
        }
    }

    // The oracle: the interpolation as an exact rational, carried up with integer arithmetic.
    private static int Oracle(decimal[] breakpoints, decimal c)
    {
        int[] index = [0, 50, 100, 150, 200, 300, 400, 500];
        var i = Array.FindIndex(breakpoints, b => c <= b);
        if (c == breakpoints[i])
        {
            return index[i];
        }

        BigInteger Scaled(decimal d) => new(d * 1000);
        var numerator = (index[i] - index[i - 1]) * (Scaled(c) - Scaled(breakpoints[i - 1]));
        var denominator = Scaled(breakpoints[i]) - Scaled(breakpoints[i - 1]);
        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        return index[i - 1] + (int)quotient + (remainder.IsZero ? 0 : 1);
    }

    [Fact]
    public void TheCarryUpMatchesExactRationalArithmeticAndNeverDecreases()
    {
        decimal[] pm25 = [0, 35, 75, 115, 150, 250, 350, 500];
        Gen.Int[0, 500_000].Select(n => n / 1000m).Sample(c =>
        {
            var iaqi = Iaqi.Compute("PM2.5", AveragingPeriod.Day, c, AirRules.V2012).Value!.Value;
            Assert.Equal(Oracle(pm25, c), iaqi);
            Assert.True(Iaqi.Compute("PM2.5", AveragingPeriod.Day, c + 0.001m, AirRules.V2012).Value >= iaqi);
        });
    }

    [Theory]
    [InlineData("2026-02-28", AirRules.V2012)]
    [InlineData("2026-03-01", AirRules.V2026)]
    [InlineData("2013-10-01", AirRules.V2012)]
    public void TheRulesAreChosenByTheDateOfTheData(string day, AirRules rules)
        => Assert.Equal(rules, AirRuleSets.ForDate(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void OnTheChangeoverDayTheSameDailyMeanChangesCategory()
    {
        var day = new DailyValues(Pm25: 75);
        var before = AirQualityIndex.Daily(day, AirRuleSets.ForDate(new DateOnly(2026, 2, 28)));
        Assert.Equal((100, "良", "100"), (before.Aqi!.Value, before.Category!.Category, before.Published));
        var after = AirQualityIndex.Daily(day, AirRuleSets.ForDate(new DateOnly(2026, 3, 1)));
        Assert.Equal((114, "轻度污染", "114"), (after.Aqi!.Value, after.Category!.Category, after.Published));
    }

    [Theory]
    [InlineData(AirRules.V2012, 40, "57")]
    [InlineData(AirRules.V2026, 40, "NA")]
    [InlineData(AirRules.V2026, 80, "119")]
    public void AnIncompleteHourIsPublishedAsNaUnder2026OnlyUpTo100(AirRules rules, int pm25, string published)
    {
        var report = AirQualityIndex.Hourly(new HourlyConcentrations(Pm25: pm25), rules);
        Assert.Equal((published, false), (report.Published, report.Complete));
        Assert.Equal(["SO2", "NO2", "CO", "O3", "PM10"], report.Missing);
    }

    [Fact]
    public void PollutantsAboveTheTopTieAt500AndAreAllPrimary()
    {
        var harbin = AirQualityIndex.Daily(new DailyValues(So2: 50, No2: 60, Co: 2, Pm10: 910, Pm25: 866, O3MaxHour: 20, O3MaxEightHour: 15), AirRules.V2012);
        Assert.Equal(500, harbin.Aqi);
        Assert.Equal(["PM10", "PM2.5"], harbin.Primary);
    }

    [Fact]
    public void ThePercentileFollowsTheWorkedExampleOfHj663()
        => Assert.Equal(6.5m, AirStatistics.Percentile([3, 4, 8, 2, 5, 4], 90));

    [Theory]
    [InlineData(2.25, 1, 2.2)]
    [InlineData(2.35, 1, 2.4)]
    [InlineData(1.35, 1, 1.4)]
    [InlineData(74.5, 0, 74)]
    [InlineData(75.5, 0, 76)]
    public void Gbt8170RoundsHalfToEvenOnTheDecimal(double value, int digits, double rounded)
        => Assert.Equal((decimal)rounded, Gbt8170.Round((decimal)value, digits));
}
