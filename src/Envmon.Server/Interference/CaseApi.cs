using Envmon.Monitoring.Readings;
using Envmon.Server.Access;
using Envmon.Server.Quality;
using Envmon.Server.Stations;
using Envmon.Storage;
using Envmon.Storage.Readings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Envmon.Server.Interference;

/// <summary>
/// <c>/api/v1/cases</c>: the interference cases in the caller's scope (<c>?status=</c>), one case, its evidence (the
/// station's series and its neighbours' from a day before to a day after the episode), and triage (inspectors and
/// province roles), and a scan of a period (<c>POST /api/v1/cases/scan?from=&amp;to=</c>).
/// </summary>
internal static class CaseApi
{
    public static void MapCases(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/cases").RequireUser();
        group.MapGet("", (HttpContext http, CaseBook cases, StationRegistry stations, string? status)
            => Table.Of(cases.All().Where(c => (status is null || c.Status == status) && Visible(http, stations, c))));
        group.MapGet("/{id:long}", Results<Ok<CaseView>, ProblemHttpResult> (HttpContext http, CaseBook cases, StationRegistry stations, long id)
            => cases.Find(id) is { } c && Visible(http, stations, c) ? TypedResults.Ok(c) : Problems.NotFound($"no case {id} in your scope"));
        group.MapGet("/{id:long}/evidence", Results<Ok<EvidenceView>, ProblemHttpResult> (
            HttpContext http, CaseBook cases, StationRegistry stations, QcRunner quality, EnvmonStore store, long id) =>
        {
            if (cases.Find(id) is not { } c || !Visible(http, stations, c) || stations.Find(c.Mn) is not { } station)
            {
                return Problems.NotFound($"no case {id} in your scope");
            }

            var from = c.From.AddDays(-1);
            var to = c.To.AddDays(1) < from.AddDays(14) ? c.To.AddDays(1) : from.AddDays(14);
            var hours = (int)Math.Ceiling((to - from).TotalHours);
            var series = new List<EvidenceSeries>();
            foreach (var member in new[] { station }.Concat(quality.NeighboursOf(station)))
            {
                var readings = store.Readings(new ReadingQuery(member.Mn, null, DataKind.Hour, from, to)).Select(r => r.Reading)
                    .Where(r => c.Parameters.Contains(r.Parameter)).ToLookup(r => r.Parameter);
                foreach (var parameter in c.Parameters)
                {
                    var values = new double?[hours];
                    foreach (var r in readings[parameter])
                    {
                        values[(int)((r.Time - from).TotalHours)] = r.Value;
                    }

                    series.Add(new EvidenceSeries(member.Mn, member.Name, parameter, member.Mn == station.Mn, values));
                }
            }

            return TypedResults.Ok(new EvidenceView(id, from, to, [.. series]));
        });
        group.MapPost("/scan", Results<Ok<ScanView>, ProblemHttpResult> (HttpContext http, InterferenceScanner scanner, DateTimeOffset from, DateTimeOffset to)
            => http.Actor().Role is not (Role.ProvinceAdmin or Role.ProvinceReviewer or Role.Inspector) ? Problems.Forbidden("scans are run by the province and inspectors")
                : to <= from || to - from > TimeSpan.FromDays(92) ? Problems.BadRequest("from must be before to, at most 92 days apart")
                : TypedResults.Ok(scanner.Scan(from, to)));
        group.MapPost("/{id:long}/triage", Results<NoContent, ProblemHttpResult> (HttpContext http, CaseBook cases, StationRegistry stations, long id, TriageRequest request) =>
        {
            if (cases.Find(id) is not { } c || !Visible(http, stations, c))
            {
                return Problems.NotFound($"no case {id} in your scope");
            }

            if (http.Actor().Role is not (Role.Inspector or Role.ProvinceAdmin or Role.ProvinceReviewer))
            {
                return Problems.Forbidden("cases are triaged by inspectors and the province");
            }

            return cases.Triage(id, request, http.Actor()) is { } problem ? Problems.BadRequest(problem) : TypedResults.NoContent();
        });
    }

    // An operator never sees cases: they concern its own stations' data (the suspects of interference are not told).
    private static bool Visible(HttpContext http, StationRegistry stations, CaseView c)
        => http.Actor().Role != Role.Operator && stations.Find(c.Mn, http.Actor()) is not null;
}
