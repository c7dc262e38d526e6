using System.Text;
using Envmon.Monitoring.Readings;
using Envmon.Storage;
using Envmon.Storage.Readings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Envmon.Server.Readings;

/// <summary><c>/api/v1/readings</c>: CSV export by station, parameter, kind and time range, and the latest values.</summary>
internal static class ReadingsApi
{
    public static void MapReadings(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/readings");
        group.MapGet("/export", Results<FileStreamHttpResult, ProblemHttpResult> (
            EnvmonStore store, string? station, string? parameter, string? kind, DateTimeOffset? from, DateTimeOffset? to) =>
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

            var readings = store.Readings(new ReadingQuery(station, parameter, dataKind, from, to));
            var output = new MemoryStream();
            using (var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true))
            {
                ReadingCsv.Write(writer, readings);
            }

            output.Position = 0;
            return TypedResults.Stream(output, "text/csv; charset=utf-8", "readings.csv");
        });

        group.MapGet("/latest", (EnvmonStore store, string? station) => TypedResults.Ok(store.Latest()
            .Where(r => station is null || r.Reading.Mn == station)
            .OrderBy(r => r.Reading.Mn, StringComparer.Ordinal).ThenBy(r => r.Reading.Parameter, StringComparer.Ordinal)
            .Select(r => new LatestView(r.Reading.Mn, r.Reading.Parameter, r.Reading.Kind.Name(), r.Reading.Time, r.Reading.Value, r.Reading.Flag, r.Revised))
            .ToArray()));
    }
}
