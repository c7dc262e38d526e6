using Envmon.Hj212.Packets;
using Envmon.Monitoring.Readings;
using Envmon.Server.Access;
using Envmon.Server.Recall;
using Envmon.Server.Stations;
using Envmon.Storage;
using Envmon.Storage.Readings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Envmon.Server.Downlink;

/// <summary>A recall as the API shows it.</summary>
public sealed record RecallView(
    DateTimeOffset Requested, string Station, string Kind, DateTimeOffset Begin, DateTimeOffset End, string Reason, string Outcome, string? Qn,
    int Attempts, int Missing)
{
    public static RecallView Of(RecallRecord r) => new(r.Requested, r.Mn, r.Kind.Name(), r.Begin, r.End, r.Reason, r.Outcome, r.Qn, r.Attempts, r.Missing);
}

/// <summary>A platform request's outcome as the API shows it.</summary>
public sealed record RequestView(string Station, string Outcome, string? Qn, int Attempts, int? QnRtn, int? ExeRtn);

/// <summary>
/// Requests to connected stations: <c>POST /api/v1/stations/{mn}/recall</c> (补数 of a window),
/// <c>POST /api/v1/stations/{mn}/time</c> (time calibration), and <c>GET /api/v1/recalls</c>.
/// </summary>
internal static class DownlinkApi
{
    public static void MapDownlink(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/stations/{mn}/recall", async Task<Results<Ok<RecallView>, ProblemHttpResult>> (
            HttpContext http, string mn, string kind, DateTimeOffset from, DateTimeOffset to, StationRegistry stations, GapRecall recall, CancellationToken cancellation) =>
        {
            if (Refused(http, stations, mn) is { } refused)
            {
                return refused;
            }

            if (!DataKinds.TryParse(kind, out var dataKind) || dataKind == DataKind.RealTime || to < from)
            {
                return Problems.BadRequest("kind must be minute, hour or day, and from must not be after to");
            }

            var record = await recall.RecallWindowAsync(mn, dataKind, from, to, "manual", 0, cancellation).ConfigureAwait(false);
            return TypedResults.Ok(RecallView.Of(record));
        }).RequireUser();

        routes.MapPost("/api/v1/stations/{mn}/time", async Task<Results<Ok<RequestView>, ProblemHttpResult>> (
            HttpContext http, string mn, StationRegistry stations, StationRequests requests, TimeProvider time, CancellationToken cancellation) =>
        {
            if (Refused(http, stations, mn) is { } refused)
            {
                return refused;
            }

            var result = await requests.SendAsync(mn, (target, qn) => Hj212Requests.SetTime(target, qn, time.GetUtcNow()), cancellation).ConfigureAwait(false);
            return TypedResults.Ok(new RequestView(mn, result.Outcome.ToString(), result.Qn, result.Attempts, result.QnRtn, result.ExeRtn));
        }).RequireUser();

        routes.MapGet("/api/v1/recalls", (HttpContext http, EnvmonStore store, StationRegistry stations, string? station)
            => Table.Of(store.Recalls(station).Where(r => stations.Find(r.Mn, http.Actor()) is not null).Select(RecallView.Of))).RequireUser();
    }

    // Requests to stations are sent by province administrators and by operators to their own stations.
    private static ProblemHttpResult? Refused(HttpContext http, StationRegistry stations, string mn)
        => stations.Find(mn, http.Actor()) is null ? Problems.NotFound($"no station {mn} in your scope")
            : http.Actor().Role is Role.ProvinceAdmin or Role.Operator ? null
            : Problems.Forbidden("requests to stations are sent by province administrators and operators");
}
