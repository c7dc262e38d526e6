using System.Text;
using Envmon.Monitoring.Readings;
using Envmon.Server.Access;
using Envmon.Server.Stations;
using Envmon.Storage;
using Envmon.Storage.Readings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Envmon.Server.Readings;

/// <summary>
/// <c>/api/v1/readings</c>: one station's series (<c>?station=&amp;parameter=&amp;kind=&amp;from=&amp;to=</c>), CSV export by station,
/// parameter, kind and time range, and the latest values; each limited to the caller's stations.
/// </summary>
internal static class ReadingsApi
{
    public static void MapReadings(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/readings").RequireUser();
        group.MapGet("/export", Results<FileStreamHttpResult, ProblemHttpResult> (
            HttpContext http, EnvmonStore store, StationRegistry stations, string? station, string? parameter, string? kind, DateTimeOffset? from, DateTimeOffset? to) =>
        {
            DataKind? dataKind = null;
            if (kind is not null)
            {
                if (!DataKinds.TryParse(kind, out var parsed))
                {
                    return Problems.BadRequest($"kind \"{kind}\" is not realtime, minute, hour or day");
                }

                dataKind = parsed;
            }

            var actor = http.Actor();
            if (station is not null && stations.Find(station, actor) is null)
            {
                return Problems.NotFound($"no station {station} in your scope");
            }

            var readings = store.Readings(new ReadingQuery(station, parameter, dataKind, from, to))
                .Where(r => actor.SeesAll || stations.Find(r.Reading.Mn, actor) is not null);
            var output = new MemoryStream();
            using (var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true))
            {
                ReadingCsv.Write(writer, readings);
            }

            output.Position = 0;
            return TypedResults.Stream(output, "text/csv; charset=utf-8", "readings.csv");
        });

        group.MapGet("/latest", (HttpContext http, EnvmonStore store, StationRegistry stations, string? station) =>
        {
            var actor = http.Actor();
            return Table.Kept(() => store.Latest()
                .Where(r => (station is null || r.Reading.Mn == station) && (actor.SeesAll || stations.Find(r.Reading.Mn, actor) is not null))
                .OrderBy(r => r.Reading.Mn, StringComparer.Ordinal).ThenBy(r => r.Reading.Parameter, StringComparer.Ordinal)
                .Select(ReadingView.Of));
        });

        // One station's series, oldest first (default: the last 72 hours of hourly data), for the station page's charts.
        group.MapGet("", Results<TableResult<ReadingView>, ProblemHttpResult> (
            HttpContext http, EnvmonStore store, StationRegistry stations, string station, string? parameter, string? kind, DateTimeOffset? from, DateTimeOffset? to) =>
        {
            if (!DataKinds.TryParse(kind ?? "hour", out var dataKind))
            {
                return Problems.BadRequest($"kind \"{kind}\" is not realtime, minute, hour or day");
            }

            if (stations.Find(station, http.Actor()) is null)
            {
                return Problems.NotFound($"no station {station} in your scope");
            }

            var end = to ?? DateTimeOffset.UtcNow;
            return Table.Of(store.Readings(new ReadingQuery(station, parameter, dataKind, from ?? end.AddHours(-72), end)).Select(ReadingView.Of));
        });
    }
}
