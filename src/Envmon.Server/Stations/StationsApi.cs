using System.Text;
using Envmon.Server.Ingestion;
using Envmon.Storage.Stations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Envmon.Server.Stations;

/// <summary><c>/api/v1/stations</c>: the registry with link state, CSV export and all-or-nothing CSV import.</summary>
internal static class StationsApi
{
    public static void MapStations(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/stations");
        group.MapGet("/", (StationRegistry registry, ConnectionTable links) => TypedResults.Ok(registry.All
            .OrderBy(s => s.Mn, StringComparer.Ordinal)
            .Select(s => links.Find(s.Mn) is { } link ? StationView.From(s, link, links.IsOnline(link, s)) : StationView.From(s, null, false))
            .ToArray()));

        group.MapGet("/export", (StationRegistry registry) =>
        {
            var csv = new StringWriter();
            StationCsv.Write(csv, registry.All.OrderBy(s => s.Mn, StringComparer.Ordinal));
            return TypedResults.Text(csv.ToString(), "text/csv; charset=utf-8", Encoding.UTF8);
        });

        group.MapPost("/import", async Task<Results<Ok<ImportOutcome>, BadRequest<ImportOutcome>>> (HttpRequest request, StationRegistry registry) =>
        {
            using var body = new StreamReader(request.Body, Encoding.UTF8);
            var result = StationCsv.Read(new StringReader(await body.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false)));
            if (!result.Success)
            {
                return TypedResults.BadRequest(new ImportOutcome(0, result.Errors));
            }

            registry.Save(result.Stations);
            return TypedResults.Ok(new ImportOutcome(result.Stations.Count, []));
        });
    }
}
