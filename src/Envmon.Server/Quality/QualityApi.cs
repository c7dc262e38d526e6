using Envmon.Monitoring.Quality;
using Envmon.Monitoring.Readings;
using Envmon.Server.Access;
using Envmon.Server.Stations;
using Envmon.Storage;
using Envmon.Storage.Quality;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Envmon.Server.Quality;

/// <summary>One flag as the API shows it: QARTOD level, reason code with its Chinese and English names, and provenance.</summary>
public sealed record QcFlagView(int Level, string Reason, string? ReasonZh, string? ReasonEn, string Rule, int Version, string Hash)
{
    public static QcFlagView Of(QcFlag f)
    {
        var reason = QcReasons.Find(f.Reason);
        return new((int)f.Level, f.Reason, reason?.Chinese, reason?.English, f.Rule, f.Version, f.Hash);
    }
}

/// <summary>The automatic QC outcome of one reading.</summary>
public sealed record QcRecordView(string Mn, string Parameter, string Kind, DateTimeOffset Time, int Level, QcFlagView[] Flags, int Config)
{
    public static QcRecordView Of(QcRecord r)
        => new(r.Mn, r.Parameter, r.Kind.Name(), r.Time.ToOffset(TimeSpan.FromHours(8)), (int)r.Level, [.. r.Flags.Select(QcFlagView.Of)], r.Config);
}

/// <summary>The configuration in force.</summary>
public sealed record QcConfigView(int Version, string Hash, int Rules, string Json);

/// <summary>A QA window as the API shows it.</summary>
public sealed record QaWindowView(long Id, string Mn, string? Parameter, DateTimeOffset From, DateTimeOffset To, string Reason, string? WorkOrder);

/// <summary>
/// <c>/api/v1/qc</c>: the reason catalogue, the configuration (read; replace: province administrator), the stored
/// flags of the stations in the caller's scope, a batch run, and QA windows (an operator for its own stations).
/// </summary>
internal static class QualityApi
{
    public static void MapQuality(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/qc/reasons", () => Table.Of(QcReasons.All));
        var group = routes.MapGroup("/api/v1/qc").RequireUser();
        group.MapGet("/config", (QcRunner runner) => TypedResults.Ok(View(runner.Configuration)));
        group.MapPut("/config", async Task<Results<Ok<QcConfigView>, ProblemHttpResult>> (HttpContext http, QcRunner runner) =>
        {
            if (http.Actor().Role != Role.ProvinceAdmin)
            {
                return Problems.Forbidden("only a province administrator changes the QC configuration");
            }

            using var reader = new StreamReader(http.Request.Body);
            var json = await reader.ReadToEndAsync(http.RequestAborted).ConfigureAwait(false);
            try
            {
                return TypedResults.Ok(View(runner.Configure(json, http.Actor())));
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                return Problems.BadRequest(e.Message);
            }
        });
        group.MapGet("/flags", Results<TableResult<QcRecordView>, ProblemHttpResult> (
            HttpContext http, EnvmonStore store, StationRegistry stations, string? station, string? parameter, string? kind, DateTimeOffset? from,
            DateTimeOffset? to, int? level) =>
        {
            if (!Kind(kind, out var dataKind, out var problem))
            {
                return problem;
            }

            var actor = http.Actor();
            if (station is not null && stations.Find(station, actor) is null)
            {
                return Problems.NotFound($"no station {station} in your scope");
            }

            var records = store.Qc(new QcQuery(station, parameter, dataKind, from, to, level is { } l ? (QcLevel)l : QcLevel.Suspect));
            return Table.Of(records.Where(r => actor.SeesAll || stations.Find(r.Mn, actor) is not null).Select(QcRecordView.Of));
        });
        group.MapPost("/run", Results<Ok<QcRunView>, ProblemHttpResult> (HttpContext http, QcRunner runner, string? kind, DateTimeOffset from, DateTimeOffset to) =>
        {
            if (http.Actor().Role is not (Role.ProvinceAdmin or Role.ProvinceReviewer))
            {
                return Problems.Forbidden("only the province runs QC over the network");
            }

            if (!Kind(kind ?? "hour", out var dataKind, out var problem))
            {
                return problem;
            }

            return to <= from || to - from > TimeSpan.FromDays(400) ? Problems.BadRequest("from must be before to, at most 400 days apart")
                : TypedResults.Ok(runner.Run(dataKind ?? DataKind.Hour, from, to, http.Actor()));
        });
        group.MapGet("/windows", (HttpContext http, QaWindows windows, StationRegistry stations)
            => Table.Of(windows.All.Where(w => stations.Find(w.Mn, http.Actor()) is not null).Select(View)));
        group.MapPost("/windows", Results<Ok<QaWindowView>, ProblemHttpResult> (HttpContext http, QaWindows windows, StationRegistry stations, QaWindowRequest request) =>
        {
            var actor = http.Actor();
            if (stations.Find(request.Mn) is not { } station || !actor.Sees(station))
            {
                return Problems.NotFound($"no station {request.Mn} in your scope");
            }

            if (actor.Role is not (Role.ProvinceAdmin or Role.Operator))
            {
                return Problems.Forbidden("QA windows are declared by the station's operator or a province administrator");
            }

            try
            {
                return TypedResults.Ok(View(windows.Add(request, actor)));
            }
            catch (ArgumentException e)
            {
                return Problems.BadRequest(e.Message);
            }
        });
        group.MapDelete("/windows/{id:long}", Results<NoContent, ProblemHttpResult> (HttpContext http, QaWindows windows, StationRegistry stations, long id) =>
        {
            var actor = http.Actor();
            var window = windows.All.FirstOrDefault(w => w.Id == id);
            return window is null || stations.Find(window.Mn) is not { } station || !actor.Sees(station) ? Problems.NotFound($"no QA window {id} in your scope")
                : actor.Role is not (Role.ProvinceAdmin or Role.Operator) ? Problems.Forbidden("only the operator or a province administrator cancels a QA window")
                : windows.Cancel(id, actor) ? TypedResults.NoContent() : Problems.NotFound($"no QA window {id}");
        });
    }

    /// <summary>Reads an optional data kind; false with the problem to answer when it is not one.</summary>
    public static bool Kind(string? text, out DataKind? kind, out ProblemHttpResult problem)
    {
        kind = null;
        problem = null!;
        if (text is null)
        {
            return true;
        }

        if (DataKinds.TryParse(text, out var parsed))
        {
            kind = parsed;
            return true;
        }

        problem = Problems.BadRequest($"kind \"{text}\" is not realtime, minute, hour or day");
        return false;
    }

    private static QcConfigView View(QcConfiguration c) => new(c.Version, c.Hash, c.Rules.Count, c.Json);

    private static QaWindowView View(QaWindow w) => new(w.Id, w.Mn, w.Parameter, w.From, w.To, w.Reason, w.WorkOrder);
}
