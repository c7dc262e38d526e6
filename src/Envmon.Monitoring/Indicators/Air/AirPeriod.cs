namespace Envmon.Monitoring.Indicators.Air;

/// <summary>One day of a city or station for period statistics: its daily values (as reported) and its daily AQI.</summary>
public sealed record AirDay(DateOnly Date, DailyValues Values, int? Aqi);

/// <summary>
/// A period's statistics (HJ 663): each pollutant evaluated on its valid days, the composite index when all six
/// have values, the share of good days (优良天数比例, AQI ≤ 100, of the days with an AQI, in percent to 0.1) and
/// the heavily polluted days (重度及以上, AQI above 200).
/// </summary>
public sealed record PeriodSummary(
    int Days, IReadOnlyDictionary<string, PollutantEvaluation> Pollutants, CompositeIndex? Composite, int AqiDays, int GoodDays,
    decimal? GoodShare, int HeavyDays, IReadOnlyList<string> Missing);

/// <summary>Period statistics and rankings of cities (docs/indicators.md).</summary>
public static class AirPeriod
{
    /// <summary>Summarises <paramref name="days"/> under <paramref name="limits"/>, the composite index with <paramref name="weights"/>.</summary>
    public static PeriodSummary Summarize(IReadOnlyList<AirDay> days, LimitSet limits, IReadOnlyDictionary<string, int> weights, int zoneClass = 2)
    {
        var evaluations = new Dictionary<string, PollutantEvaluation>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var pollutant in AirEvaluation.Pollutants)
        {
            var values = days.Select(d => Daily(d.Values, pollutant)).OfType<decimal>().ToList();
            if (values.Count == 0)
            {
                missing.Add(pollutant);
                continue;
            }

            evaluations[pollutant] = AirEvaluation.Evaluate(pollutant, values, limits, zoneClass);
        }

        // The composite index takes the period means of four and the percentile values of CO and O3 (the S_i of each).
        var composite = missing.Count > 0 ? null : AirEvaluation.Composite(
            evaluations.ToDictionary(e => e.Key, e => e.Value.Mean ?? e.Value.PercentileValue, StringComparer.Ordinal), weights);
        var aqi = days.Select(d => d.Aqi).OfType<int>().ToList();
        var good = aqi.Count(a => a <= 100);
        decimal? share = aqi.Count == 0 ? null : Gbt8170.Round(100m * good / aqi.Count, 1);
        return new PeriodSummary(days.Count, evaluations, composite, aqi.Count, good, share, aqi.Count(a => a > 200), missing);
    }

    /// <summary>
    /// Ranks <paramref name="items"/> by <paramref name="key"/> ascending (lower is better), ties sharing a rank
    /// (1, 2, 2, 4); items without a key come last, unranked.
    /// </summary>
    public static IReadOnlyList<(T Item, int? Rank)> Rank<T>(IEnumerable<T> items, Func<T, decimal?> key)
    {
        var ordered = items.Select(i => (Item: i, Key: key(i))).OrderBy(i => i.Key is null).ThenBy(i => i.Key).ToList();
        var ranked = new List<(T, int?)>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            int? rank = ordered[i].Key is null ? null : i > 0 && ordered[i].Key == ordered[i - 1].Key ? ranked[i - 1].Item2 : i + 1;
            ranked.Add((ordered[i].Item, rank));
        }

        return ranked;
    }

    // The daily value a pollutant is evaluated on: the 24-h mean, for O3 the MDA8.
    private static decimal? Daily(DailyValues values, string pollutant) => pollutant switch
    {
        "SO2" => values.So2,
        "NO2" => values.No2,
        "CO" => values.Co,
        "O3" => values.O3MaxEightHour,
        "PM10" => values.Pm10,
        "PM2.5" => values.Pm25,
        _ => throw new ArgumentOutOfRangeException(nameof(pollutant), pollutant, "not an evaluated pollutant"),
    };
}
