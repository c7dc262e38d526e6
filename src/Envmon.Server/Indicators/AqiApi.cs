using Envmon.Monitoring.Indicators;
using Envmon.Monitoring.Indicators.Noise;
using Envmon.Monitoring.Indicators.Water;
using Envmon.Monitoring.Stations;
using Envmon.Server.Stations;
using Envmon.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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
/// <c>/api/v1/aqi/stations</c> and <c>/api/v1/aqi/cities</c>: the real-time AQI, latest or of one hour (<c>?hour=</c>, its start);
/// <c>/api/v1/aqi/cities/daily.csv?date=</c>: the cities' daily AQI of a Beijing date.
/// </summary>
internal static class AqiApi
{
    public static void MapAqi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/water/sections", (SectionRollup sections) => TypedResults.Ok(sections.Water().Select(WaterView.Of).ToArray()));
        routes.MapGet("/api/v1/noise/zones", (SectionRollup sections) => TypedResults.Ok(sections.Noise().Select(NoiseView.Of).ToArray()));
        var group = routes.MapGroup("/api/v1/aqi");
        group.MapGet("/stations", (AirRollup rollup, DateTimeOffset? hour)
            => TypedResults.Ok((hour is { } h ? rollup.StationsAt(h) : rollup.StationsLatest()).Select(AqiView.Of).ToArray()));
        group.MapGet("/cities", (AirRollup rollup, DateTimeOffset? hour)
            => TypedResults.Ok((hour is { } h ? rollup.CitiesAt(h) : rollup.CitiesLatest()).Select(AqiView.Of).ToArray()));
        group.MapGet("/cities/daily.csv", (EnvmonStore store, StationRegistry stations, DateOnly date)
            => TypedResults.Text(CityDailyAqi.ToCsv(CityDailyAqi.Compute(store, stations.All, date)), "text/csv; charset=utf-8"));
    }
}
