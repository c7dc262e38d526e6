using Envmon.Monitoring.Indicators;
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

/// <summary>
/// <c>/api/v1/aqi/stations</c> and <c>/api/v1/aqi/cities</c>: the real-time AQI, latest or of one hour (<c>?hour=</c>, its start);
/// <c>/api/v1/aqi/cities/daily.csv?date=</c>: the cities' daily AQI of a Beijing date.
/// </summary>
internal static class AqiApi
{
    public static void MapAqi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/aqi");
        group.MapGet("/stations", (AirRollup rollup, DateTimeOffset? hour)
            => TypedResults.Ok((hour is { } h ? rollup.StationsAt(h) : rollup.StationsLatest()).Select(AqiView.Of).ToArray()));
        group.MapGet("/cities", (AirRollup rollup, DateTimeOffset? hour)
            => TypedResults.Ok((hour is { } h ? rollup.CitiesAt(h) : rollup.CitiesLatest()).Select(AqiView.Of).ToArray()));
        group.MapGet("/cities/daily.csv", (EnvmonStore store, StationRegistry stations, DateOnly date)
            => TypedResults.Text(CityDailyAqi.ToCsv(CityDailyAqi.Compute(store, stations.All, date)), "text/csv; charset=utf-8"));
    }
}
