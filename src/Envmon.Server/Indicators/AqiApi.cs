using Envmon.Monitoring.Indicators;
using Envmon.Monitoring.Indicators.Air;
using Envmon.Monitoring.Indicators.Noise;
using Envmon.Monitoring.Indicators.Water;
using Envmon.Monitoring.Stations;
using Envmon.Server.Access;
using Envmon.Server.Stations;
using Envmon.Storage;
using Envmon.Storage.Indicators;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Envmon.Server.Indicators;

/// <summary>An hourly AQI as the API shows it; <c>Aqi</c> is the computed maximum, <c>Published</c> what is published (a number or NA).</summary>
public sealed record AqiView(
    string Code, string Name, DateTimeOffset Hour, string Rules, int? Aqi, string? Published, string? Category, string? Level, string? Colour,
    string[] Primary, string[] Exceeding, string[] Missing, Dictionary<string, int> Iaqi, Dictionary<string, decimal> Concentrations,
    IReadOnlyDictionary<string, int> Stations)
{
    public static AqiView Of(HourlyAqi a) => new(
        a.Code, a.Name, a.Hour.ToOffset(TimeSpan.FromHours(8)), a.Report.Rules.Name(), a.Report.Aqi, a.Report.Published, a.Report.Category?.Category,
        a.Report.Category?.Level, a.Report.Category?.RgbHex, [.. a.Report.Primary], [.. a.Report.Exceeding], [.. a.Report.Missing],
        a.Report.Items.ToDictionary(i => i.Item, i => i.Iaqi, StringComparer.Ordinal), new(a.Concentrations, StringComparer.Ordinal), a.Stations);
}

/// <summary>The newest sample of a water section as the API shows it.</summary>
public sealed record WaterView(
    string Mn, string Name, DateTimeOffset Time, int? Class, string? Label, string? Status, string[] Deciding, Dictionary<string, decimal?> Exceeding,
    Dictionary<string, string> PerItem, bool MeetsTarget)
{
    public static WaterView Of(WaterSample w) => new(
        w.Mn, w.Name, w.Time.ToOffset(TimeSpan.FromHours(8)), w.Result.Class, w.Result.Class is { } c ? WaterQuality.Label(c) : null,
        w.Result.Class is { } s ? WaterQuality.Status(s) : null, [.. w.Result.Deciding], new(w.Result.Exceeding, StringComparer.Ordinal),
        w.Result.PerItem.ToDictionary(p => p.Key, p => WaterQuality.Label(p.Value), StringComparer.Ordinal), w.Result.MeetsTarget);
}

/// <summary>A noise station's newest day as the API shows it (levels to 0.1 dB).</summary>
public sealed record NoiseView(
    string Mn, string Name, DateOnly Date, string Zone, decimal? Ld, decimal? Ln, decimal? Ldn, int DayHours, int NightHours, int LimitDay, int LimitNight,
    bool? DayCompliant, bool? NightCompliant, bool? Compliant)
{
    public static NoiseView Of(NoiseZoneDay n)
    {
        static decimal? Level(double? l) => l is { } v ? NoiseLevels.Report(v) : null;
        var d = n.Day;
        return new(n.Mn, n.Name, n.Date, d.Zone.Name(), Level(d.Ld), Level(d.Ln), Level(d.Ldn), d.DayHours, d.NightHours, d.DayLimit, d.NightLimit,
            d.DayCompliant, d.NightCompliant, d.Compliant);
    }
}

/// <summary>
/// <c>/api/v1/water/sections</c> and <c>/api/v1/noise/zones</c>: the newest water class and noise day of each station;
/// <c>/api/v1/water/sections/{mn}</c> (<c>?period=hour|day</c>: samples or days) and <c>/api/v1/noise/zones/{mn}</c>: stored series;
/// <c>/api/v1/aqi/stations</c> and <c>/api/v1/aqi/cities</c>: the real-time AQI, latest or of one hour (<c>?hour=</c>, its start);
/// <c>/api/v1/aqi/cities/daily.csv?date=</c>: the cities' daily AQI of a Beijing date, computed from the stored hours;
/// <c>/api/v1/aqi/cities/daily?date=</c>: the same as stored by the indicator writer;
/// <c>/api/v1/aqi/stations/{mn}</c> and <c>/api/v1/aqi/cities/{code}</c>: a stored series (<c>?period=hour|day&amp;from=&amp;to=</c>);
/// the daily ones also <c>?version=reviewed</c> (review decisions applied, failed automatic QC left out; default preliminary);
/// <c>/api/v1/rankings?from=&amp;to=&amp;by=&amp;weights=&amp;limits=&amp;version=</c>: cities ranked over a period of Beijing dates.
/// </summary>
internal static class AqiApi
{
    public static void MapAqi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/v1").RequireUser();
        api.MapGet("/water/sections", (HttpContext http, StationRegistry stations, SectionRollup sections)
            => Table.Of(sections.Water().Where(w => stations.Find(w.Mn, http.Actor()) is not null).Select(WaterView.Of)));
        api.MapGet("/noise/zones", (HttpContext http, StationRegistry stations, SectionRollup sections)
            => Table.Of(sections.Noise().Where(n => stations.Find(n.Mn, http.Actor()) is not null).Select(NoiseView.Of)));
        api.MapGet("/water/sections/{mn}", (HttpContext http, StationRegistry stations, EnvmonStore store, string mn, string? period, DateTimeOffset? from, DateTimeOffset? to)
            => stations.Find(mn, http.Actor()) is null ? OutOfScope(mn) : Series(store, IndicatorScope.WaterSection, mn, period, from, to));
        api.MapGet("/noise/zones/{mn}", (HttpContext http, StationRegistry stations, EnvmonStore store, string mn, DateTimeOffset? from, DateTimeOffset? to)
            => stations.Find(mn, http.Actor()) is null ? OutOfScope(mn) : Series(store, IndicatorScope.NoiseStation, mn, "day", from, to));
        var group = api.MapGroup("/aqi");
        group.MapGet("/stations", (HttpContext http, StationRegistry stations, AirRollup rollup, DateTimeOffset? hour)
            => Table.Of((hour is { } h ? rollup.StationsAt(h) : rollup.StationsLatest()).Where(a => stations.Find(a.Code, http.Actor()) is not null).Select(AqiView.Of)));
        group.MapGet("/cities", (AirRollup rollup, DateTimeOffset? hour)
            => Table.Of((hour is { } h ? rollup.CitiesAt(h) : rollup.CitiesLatest()).Select(AqiView.Of)));
        group.MapGet("/cities/daily.csv", (EnvmonStore store, StationRegistry stations, DateOnly date)
            => TypedResults.Text(AirDays.ToCsv(AirDays.Compute(store, stations.All, date, 1).Cities), "text/csv; charset=utf-8"));
        group.MapGet("/cities/daily", Results<ContentHttpResult, ProblemHttpResult> (EnvmonStore store, DateOnly date, string? version)
            => Reviewed(version) is not { } reviewed ? BadRequest($"version \"{version}\" is not preliminary or reviewed")
                : Json(store.Indicators(new IndicatorQuery(reviewed ? IndicatorScope.ReviewedCity : IndicatorScope.City, IndicatorPeriod.Day, From: Midnight(date),
                    To: Midnight(date.AddDays(1))))));
        group.MapGet("/stations/{mn}", (HttpContext http, StationRegistry stations, EnvmonStore store, string mn, string? period, DateTimeOffset? from, DateTimeOffset? to, string? version)
            => stations.Find(mn, http.Actor()) is null ? OutOfScope(mn)
                : Reviewed(version) is not { } reviewed ? BadRequest($"version \"{version}\" is not preliminary or reviewed")
                : Series(store, reviewed ? IndicatorScope.ReviewedStation : IndicatorScope.Station, mn, period, from, to));
        group.MapGet("/cities/{code}", (EnvmonStore store, string code, string? period, DateTimeOffset? from, DateTimeOffset? to, string? version)
            => Reviewed(version) is not { } reviewed ? BadRequest($"version \"{version}\" is not preliminary or reviewed")
                : Series(store, reviewed ? IndicatorScope.ReviewedCity : IndicatorScope.City, code, period, from, to));
        api.MapGet("/rankings", Results<Ok<RankingView>, ProblemHttpResult> (
            EnvmonStore store, DateOnly from, DateOnly to, string? by, string? weights, string? limits, string? version) =>
        {
            by ??= "composite";
            weights ??= "equal";
            limits ??= CityRankings.LimitsFor(to);
            return to < from ? BadRequest($"to {to:yyyy-MM-dd} is before from {from:yyyy-MM-dd}")
                : !CityRankings.Keys.Contains(by) ? BadRequest($"by \"{by}\" is not one of {string.Join(", ", CityRankings.Keys)}")
                : !AirEvaluation.WeightSets.ContainsKey(weights) ? BadRequest($"weights \"{weights}\" is not one of {string.Join(", ", AirEvaluation.WeightSets.Keys)}")
                : !CityRankings.LimitSets.ContainsKey(limits) ? BadRequest($"limits \"{limits}\" is not one of {string.Join(", ", CityRankings.LimitSets.Keys)}")
                : Reviewed(version) is not { } reviewed ? BadRequest($"version \"{version}\" is not preliminary or reviewed")
                : TypedResults.Ok(CityRankings.Compute(store, from, to, by, weights, limits, reviewed));
        });
    }

    // Preliminary (default: as received, station flags) or reviewed (review decisions, else automatic QC): null when neither.
    private static bool? Reviewed(string? version) => version switch
    {
        null or "preliminary" => false,
        "reviewed" => true,
        _ => null,
    };

    private static DateTimeOffset Midnight(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));

    private static ProblemHttpResult BadRequest(string detail) => Problems.BadRequest(detail);

    private static Results<ContentHttpResult, ProblemHttpResult> OutOfScope(string mn) => Problems.NotFound($"no station {mn} in your scope");

    // A stored series: hours (default the last 24) or days (default the last 30), oldest first.
    private static Results<ContentHttpResult, ProblemHttpResult> Series(EnvmonStore store, IndicatorScope scope, string code, string? period, DateTimeOffset? from, DateTimeOffset? to)
    {
        var kind = period switch
        {
            null or "hour" => IndicatorPeriod.Hour,
            "day" => IndicatorPeriod.Day,
            _ => (IndicatorPeriod?)null,
        };
        if (kind is not { } p)
        {
            return BadRequest($"period \"{period}\" is not hour or day");
        }

        var end = to ?? DateTimeOffset.UtcNow;
        var start = from ?? end - (p == IndicatorPeriod.Hour ? TimeSpan.FromHours(24) : TimeSpan.FromDays(30));
        return Json(store.Indicators(new IndicatorQuery(scope, p, code, start, end)));
    }

    // The stored details are JSON already: the array is joined, not re-serialised.
    private static ContentHttpResult Json(IReadOnlyList<IndicatorRecord> records)
        => TypedResults.Text("[" + string.Join(',', records.Select(r => r.Detail)) + "]", "application/json; charset=utf-8");
}
