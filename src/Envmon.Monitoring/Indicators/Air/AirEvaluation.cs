namespace Envmon.Monitoring.Indicators.Air;

/// <summary>Which GB 3095 limits an evaluation uses.</summary>
public enum LimitSet
{
    /// <summary>GB 3095-2012 (with its 2018 amendment).</summary>
    V2012,

    /// <summary>GB 3095-2026 during the transition, 2026-03-01 to 2030-12-31.</summary>
    V2026Transition,

    /// <summary>GB 3095-2026 from 2031-01-01.</summary>
    V2026Final,
}

/// <summary>One pollutant's period statistics against its limits (HJ 663 table 1).</summary>
public sealed record PollutantEvaluation(
    string Pollutant, int Days, decimal? Mean, decimal? MeanRaw, int Percentile, decimal PercentileValue, decimal PercentileRaw,
    decimal? YearLimit, decimal DailyLimit, bool Compliant);

/// <summary>The composite index (环境空气质量综合指数) of a period, with its single-pollutant indices.</summary>
public sealed record CompositeIndex(
    decimal Index, decimal IndexRaw, IReadOnlyDictionary<string, decimal> SingleIndices, IReadOnlyDictionary<string, decimal> SingleIndicesRaw,
    IReadOnlyList<string> Largest, IReadOnlyDictionary<string, int> Weights);

/// <summary>
/// HJ 663 evaluation (../shared/docs/standards.md §2.5–2.7): annual or period statistics compared with GB 3095
/// limits, and the composite index cities are ranked by. Statistics are rounded per GB/T 8170 (integers, CO to 0.1)
/// before they are compared.
/// </summary>
public static class AirEvaluation
{
    /// <summary>The composite index weights: equal (the 2014/2018 ranking rule) or the unverified third-party 2026 weighting.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> WeightSets = new Dictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal)
    {
        ["equal"] = new Dictionary<string, int> { ["SO2"] = 1, ["NO2"] = 1, ["PM10"] = 1, ["PM2.5"] = 1, ["CO"] = 1, ["O3"] = 1 },
        ["2026_thirdparty"] = new Dictionary<string, int> { ["SO2"] = 1, ["NO2"] = 2, ["PM10"] = 1, ["PM2.5"] = 3, ["CO"] = 1, ["O3"] = 2 },
    };

    // The composite index's S_i: class-2 annual limits for four, the 24-h CO limit and the 8-h O3 limit.
    private static readonly Dictionary<string, decimal> CompositeLimits = new(StringComparer.Ordinal)
    {
        ["SO2"] = 60,
        ["NO2"] = 40,
        ["PM10"] = 70,
        ["PM2.5"] = 35,
        ["CO"] = 4,
        ["O3"] = 160,
    };

    /// <summary>The pollutants evaluated, in order.</summary>
    public static readonly IReadOnlyList<string> Pollutants = ["SO2", "NO2", "CO", "O3", "PM10", "PM2.5"];

    /// <summary>(annual, daily) limits of class 1 or 2; annual null where the standard sets none (CO, O3: daily is the MDA8 limit).</summary>
    public static (decimal? Year, decimal Day) Limits(string pollutant, LimitSet set, int zoneClass)
    {
        var class1 = zoneClass == 1;
        return (pollutant, set) switch
        {
            ("SO2", LimitSet.V2026Final) => (20, 50),
            ("SO2", _) => class1 ? (20, 50) : (60, 150),
            ("NO2", LimitSet.V2026Final) => (30, 50),
            ("NO2", _) => (40, 80),
            ("CO", _) => (null, 4),
            ("O3", _) => (null, class1 ? 100 : 160),
            ("PM10", LimitSet.V2012) => class1 ? (40, 50) : (70, 150),
            ("PM10", LimitSet.V2026Transition) => class1 ? (40, 50) : (60, 120),
            ("PM10", LimitSet.V2026Final) => class1 ? (20, 50) : (50, 100),
            ("PM2.5", LimitSet.V2012) => class1 ? (15, 35) : (35, 75),
            ("PM2.5", LimitSet.V2026Transition) => class1 ? (15, 35) : (30, 60),
            ("PM2.5", LimitSet.V2026Final) => class1 ? (10, 25) : (25, 50),
            _ => throw new ArgumentException($"no GB 3095 limits for {pollutant}", nameof(pollutant)),
        };
    }

    /// <summary>The percentile HJ 663 compares with the daily limit: 98 for SO2 and NO2, 95 for PM and CO, 90 for the O3 MDA8.</summary>
    public static int PercentileOf(string pollutant) => pollutant switch
    {
        "SO2" or "NO2" => 98,
        "O3" => 90,
        _ => 95,
    };

    /// <summary>Evaluates one pollutant's valid daily values (for O3: daily MDA8) against the limits.</summary>
    public static PollutantEvaluation Evaluate(string pollutant, IReadOnlyList<decimal> daily, LimitSet set, int zoneClass = 2)
    {
        if (daily.Count == 0)
        {
            throw new ArgumentException($"no daily values of {pollutant}", nameof(daily));
        }

        var (yearLimit, dayLimit) = Limits(pollutant, set, zoneClass);
        var percentile = PercentileOf(pollutant);
        var percentileRaw = AirStatistics.Percentile(daily, percentile);
        var percentileValue = Gbt8170.RoundConcentration(pollutant, percentileRaw);
        decimal? meanRaw = yearLimit is null ? null : daily.Sum() / daily.Count;
        decimal? mean = meanRaw is { } m ? Gbt8170.RoundConcentration(pollutant, m) : null;
        var compliant = percentileValue <= dayLimit && (mean is null || mean <= yearLimit);
        return new PollutantEvaluation(pollutant, daily.Count, mean, meanRaw, percentile, percentileValue, percentileRaw, yearLimit, dayLimit, compliant);
    }

    /// <summary>
    /// The composite index Σ wᵢ·Cᵢ/Sᵢ: period means of SO2, NO2, PM10, PM2.5, the 95th percentile of CO, the 90th of the
    /// O3 MDA8, each rounded first; the index and the single indices to two decimals.
    /// </summary>
    public static CompositeIndex Composite(IReadOnlyDictionary<string, decimal> concentrations, IReadOnlyDictionary<string, int> weights)
    {
        var single = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var raw = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var pollutant in new[] { "SO2", "NO2", "PM10", "PM2.5", "CO", "O3" })
        {
            var c = concentrations.TryGetValue(pollutant, out var value) ? value : throw new ArgumentException($"{pollutant} is required", nameof(concentrations));
            raw[pollutant] = Gbt8170.RoundConcentration(pollutant, c) / CompositeLimits[pollutant];
            single[pollutant] = Gbt8170.Round(raw[pollutant], 2);
        }

        var indexRaw = raw.Sum(r => r.Value * weights[r.Key]);
        var largest = raw.Values.Max();
        return new CompositeIndex(Gbt8170.Round(indexRaw, 2), indexRaw, single, raw, [.. raw.Where(r => r.Value == largest).Select(r => r.Key)], weights);
    }
}
