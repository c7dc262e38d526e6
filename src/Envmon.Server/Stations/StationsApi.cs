using System.Text;
using Envmon.Monitoring.Stations;
using Envmon.Server.Access;
using Envmon.Server.Ingestion;
using Envmon.Storage;
using Envmon.Storage.Stations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Envmon.Server.Stations;

/// <summary><c>/api/v1/stations</c>: the registry with link state, CSV export and all-or-nothing CSV import.</summary>
internal static class StationsApi
{
    private static StationView View(Station station, ConnectionTable links)
        => links.Find(station.Mn) is { } link ? StationView.From(station, link, links.IsOnline(link, station)) : StationView.From(station, null, false);

    public static void MapStations(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/stations").RequireUser();
        group.MapGet("/", (HttpContext http, StationRegistry registry, ConnectionTable links) => Table.Of(registry.Visible(http.Actor())
            .OrderBy(s => s.Mn, StringComparer.Ordinal)
            .Select(s => View(s, links))));

        // One station: its registry data and link state, and the connections it sent frames on in the last 30 days (newest first).
        group.MapGet("/{mn}", Results<Ok<StationDetail>, ProblemHttpResult> (HttpContext http, StationRegistry registry, ConnectionTable links, EnvmonStore store, string mn)
            => registry.Find(mn, http.Actor()) is { } station
                ? TypedResults.Ok(new StationDetail(View(station, links), [.. store.Connections(mn, DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddMinutes(1), 50)]))
                : Problems.NotFound($"no station {mn} in your scope"));

        group.MapGet("/export", (HttpContext http, StationRegistry registry) =>
        {
            var csv = new StringWriter();
            StationCsv.Write(csv, registry.Visible(http.Actor()).OrderBy(s => s.Mn, StringComparer.Ordinal));
            return TypedResults.Text(csv.ToString(), "text/csv; charset=utf-8", Encoding.UTF8);
        });

        group.MapPost("/import", async Task<Results<Ok<ImportOutcome>, BadRequest<ImportOutcome>, ProblemHttpResult>> (HttpRequest request, StationRegistry registry) =>
        {
            if (request.HttpContext.Actor().Role != Role.ProvinceAdmin)
            {
                return Problems.Forbidden("only a province administrator imports stations");
            }

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
