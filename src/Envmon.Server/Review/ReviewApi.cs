using Envmon.Monitoring.Quality;
using Envmon.Monitoring.Readings;
using Envmon.Server.Access;
using Envmon.Server.Quality;
using Envmon.Server.Stations;
using Envmon.Storage;
using Envmon.Storage.Quality;
using Envmon.Storage.Readings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Envmon.Server.Review;

/// <summary>A review level as the API shows it, with the deadline of a date's data.</summary>
public sealed record LevelView(int Index, string Name, string Role, int DeadlineDays, string DeadlineTime);

/// <summary>One hour of a station's parameter as a reviewer sees it: the value and station flag, the automatic QC, the decision that applies.</summary>
public sealed record ReviewHour(string Parameter, DateTimeOffset Time, double? Value, string Flag, bool Revised, int Qc, QcFlagView[] Flags, Decision? Decision);

/// <summary>A lock in force.</summary>
public sealed record LockView(string Month, string Scope, string Level);

/// <summary>
/// <c>/api/v1/review</c>: the levels, the queue of a date at the caller's level (<c>?date=</c>), a station's day with
/// its values, flags, automatic QC and decisions (<c>/day?station=&amp;date=</c>), marks (valid/invalid
/// over a period, in bulk), sign-offs, locks and reopening. Every action is scoped by the caller's role and recorded
/// in the audit log; refusals are ProblemDetails with a code (<c>forbidden</c>, <c>not-found</c>, <c>locked</c>,
/// <c>lower-level-pending</c>, <c>bad-request</c>).
/// </summary>
internal static class ReviewApi
{
    public static void MapReview(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/review").RequireUser();
        group.MapGet("/levels", (ReviewBook book) => Table.Of(book.Levels
            .Select((l, i) => new LevelView(i, l.Name, l.Role.Name(), l.DeadlineDays, l.DeadlineTime.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)))));
        group.MapGet("/queue", Results<TableResult<QueueRow>, ProblemHttpResult> (HttpContext http, ReviewBook book, DateOnly date) =>
        {
            var level = book.LevelOf(http.Actor());
            return level < 0 ? Problems.Forbidden($"role {http.Actor().Role.Name()} has no review queue") : Table.Of(book.Queue(level, date, http.Actor()));
        });
        group.MapGet("/day", Results<TableResult<ReviewHour>, ProblemHttpResult> (
            HttpContext http, ReviewBook book, StationRegistry stations, EnvmonStore store, string station, DateOnly date) =>
        {
            if (stations.Find(station) is not { } found || !http.Actor().Sees(found))
            {
                return Problems.NotFound($"no station {station} in your scope");
            }

            var from = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
            var qc = store.Qc(new QcQuery(station, Kind: DataKind.Hour, From: from, To: from.AddDays(1))).ToDictionary(r => (r.Parameter, r.Time));
            return Table.Of(store.Readings(new ReadingQuery(station, null, DataKind.Hour, from, from.AddDays(1))).Select(stored =>
            {
                var r = stored.Reading;
                var outcome = qc.GetValueOrDefault((r.Parameter, r.Time));
                return new ReviewHour(r.Parameter, r.Time.ToOffset(TimeSpan.FromHours(8)), r.Value, r.Flag, stored.Revised, (int)(outcome?.Level ?? QcLevel.Pass),
                    [.. (outcome?.Flags ?? []).Select(QcFlagView.Of)], book.DecisionFor(station, r.Parameter, DataKind.Hour, r.Time));
            }));
        });
        group.MapPost("/marks", (HttpContext http, ReviewBook book, MarkRequest request) => Answer(book.Mark(request, http.Actor())));
        group.MapPost("/signs", (HttpContext http, ReviewBook book, SignRequest request) => Answer(book.Sign(request, http.Actor())));
        group.MapGet("/locks", (ReviewBook book) => Table.Of(book.Locks().Select(l => new LockView(l.Month, l.Scope, l.Level))));
        group.MapPost("/locks", (HttpContext http, ReviewBook book, LockRequest request) => Answer(book.Lock(request, http.Actor())));
        group.MapPost("/locks/reopen", (HttpContext http, ReviewBook book, ReopenRequest request) => Answer(book.Reopen(request, http.Actor())));
    }

    private static Results<NoContent, ProblemHttpResult> Answer(Refusal? refusal)
        => refusal is null ? TypedResults.NoContent() : Problems.Of(refusal.Status, refusal.Code, refusal.Detail);
}
