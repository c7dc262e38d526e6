using System.Text.Json;
using Envmon.Monitoring.Indicators;
using Envmon.Monitoring.Indicators.Air;
using Envmon.Storage;
using Envmon.Storage.Indicators;

namespace Envmon.Server.Indicators;

/// <summary>One city in a ranking: its rank (null without the statistic ranked by), the period's statistics and the year before.</summary>
public sealed record RankedCity(
    int? Rank, string Code, string Name, int Days, decimal? Composite, Dictionary<string, decimal>? SingleIndices, string[] Largest,
    Dictionary<string, decimal> Concentrations, Dictionary<string, bool> Compliant, int AqiDays, int GoodDays, decimal? GoodShare, int HeavyDays,
    decimal? PreviousComposite, decimal? CompositeChange, decimal? PreviousGoodShare);

/// <summary>A ranking of cities over the Beijing dates <c>From</c> … <c>To</c>.</summary>
public sealed record RankingView(DateOnly From, DateOnly To, string By, string Weights, string Limits, RankedCity[] Cities);

/// <summary>
/// City rankings for a period from the stored city days (docs/indicators.md): each city's period statistics (HJ 663:
/// means, CO 95th and O3-8h 90th percentiles), composite index, good-day share and heavily polluted days, ranked by
/// the composite index (lower is better), one pollutant's statistic, or the good-day share (higher is better), ties
/// sharing a rank; with the same period a year before and the change of the composite index in percent.
/// </summary>
public static class CityRankings
{
    /// <summary>What a ranking can be by: the composite index, each pollutant, the good-day share.</summary>
    public static readonly IReadOnlyList<string> Keys = ["composite", .. AirEvaluation.Pollutants, "good_share"];

    /// <summary>The limit sets by name.</summary>
    public static readonly IReadOnlyDictionary<string, LimitSet> LimitSets = new Dictionary<string, LimitSet>(StringComparer.Ordinal)
    {
        ["2012"] = LimitSet.V2012,
        ["2026-transition"] = LimitSet.V2026Transition,
        ["2026-final"] = LimitSet.V2026Final,
    };

    /// <summary>The limits in force on <paramref name="date"/>: GB 3095-2012 before 2026-03-01, the 2026 transition limits to 2030, then final.</summary>
    public static string LimitsFor(DateOnly date) => date < new DateOnly(2026, 3, 1) ? "2012" : date.Year <= 2030 ? "2026-transition" : "2026-final";

    /// <summary>Ranks the cities over <paramref name="from"/> … <paramref name="to"/> (inclusive), on their preliminary or <paramref name="reviewed"/> days.</summary>
    public static RankingView Compute(EnvmonStore store, DateOnly from, DateOnly to, string by, string weights, string limits, bool reviewed = false)
    {
        var weightSet = AirEvaluation.WeightSets[weights];
        var limitSet = LimitSets[limits];
        var scope = reviewed ? IndicatorScope.ReviewedCity : IndicatorScope.City;
        var now = Summaries(store, scope, from, to, limitSet, weightSet);
        var before = Summaries(store, scope, from.AddYears(-1), to.AddYears(-1), limitSet, weightSet);
        var ranked = AirPeriod.Rank(now, c => Key(c.Summary, by));
        var cities = ranked.Select(r =>
        {
            var (code, name, s) = r.Item;
            var previous = before.FirstOrDefault(b => b.Code == code).Summary;
            decimal? change = s.Composite is { } c && previous?.Composite is { Index: > 0 } p ? Gbt8170.Round((c.Index - p.Index) / p.Index * 100, 1) : null;
            return new RankedCity(r.Rank, code, name, s.Days, s.Composite?.Index, s.Composite is { } ci ? new(ci.SingleIndices, StringComparer.Ordinal) : null,
                s.Composite is { } l ? [.. l.Largest] : [], s.Pollutants.ToDictionary(e => e.Key, e => e.Value.Mean ?? e.Value.PercentileValue, StringComparer.Ordinal),
                s.Pollutants.ToDictionary(e => e.Key, e => e.Value.Compliant, StringComparer.Ordinal), s.AqiDays, s.GoodDays, s.GoodShare, s.HeavyDays,
                previous?.Composite?.Index, change, previous?.GoodShare);
        });
        return new RankingView(from, to, by, weights, limits, [.. cities]);
    }

    private static List<(string Code, string Name, PeriodSummary Summary)> Summaries(
        EnvmonStore store, IndicatorScope scope, DateOnly from, DateOnly to, LimitSet limits, IReadOnlyDictionary<string, int> weights)
    {
        var beijing = TimeSpan.FromHours(8);
        var days = store.Indicators(new IndicatorQuery(scope, IndicatorPeriod.Day,
                From: new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), beijing), To: new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), beijing)))
            .Select(r => JsonSerializer.Deserialize(r.Detail, ServerJson.Default.DayView)!);
        return [.. days.GroupBy(d => d.Code, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Last().Name, AirPeriod.Summarize([.. g.Select(d => d.ToAirDay())], limits, weights)))];
    }

    // Lower is better for every key; the good-day share is negated.
    private static decimal? Key(PeriodSummary summary, string by) => by switch
    {
        "composite" => summary.Composite?.Index,
        "good_share" => -summary.GoodShare,
        _ => summary.Pollutants.TryGetValue(by, out var e) ? e.Mean ?? e.PercentileValue : null,
    };
}
