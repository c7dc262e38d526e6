using Envmon.Server.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Envmon.Server.Review;

/// <summary>A review level as the API shows it, with the deadline of a date's data.</summary>
public sealed record LevelView(int Index, string Name, string Role, int DeadlineDays, string DeadlineTime);

/// <summary>A lock in force.</summary>
public sealed record LockView(string Month, string Scope, string Level);

/// <summary>
/// <c>/api/v1/review</c>: the levels, the queue of a date at the caller's level (<c>?date=</c>), marks (valid/invalid
/// over a period, in bulk), sign-offs, locks and reopening. Every action is scoped by the caller's role and recorded
/// in the audit log; refusals are ProblemDetails with a code (<c>forbidden</c>, <c>not-found</c>, <c>locked</c>,
/// <c>lower-level-pending</c>, <c>bad-request</c>).
/// </summary>
internal static class ReviewApi
{
    public static void MapReview(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/review").RequireUser();
        group.MapGet("/levels", (ReviewBook book) => TypedResults.Ok(book.Levels
            .Select((l, i) => new LevelView(i, l.Name, l.Role.Name(), l.DeadlineDays, l.DeadlineTime.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)))
            .ToArray()));
        group.MapGet("/queue", Results<Ok<QueueRow[]>, ProblemHttpResult> (HttpContext http, ReviewBook book, DateOnly date) =>
        {
            var level = book.LevelOf(http.Actor());
            return level < 0 ? Problems.Forbidden($"role {http.Actor().Role.Name()} has no review queue") : TypedResults.Ok(book.Queue(level, date, http.Actor()).ToArray());
        });
        group.MapPost("/marks", (HttpContext http, ReviewBook book, MarkRequest request) => Answer(book.Mark(request, http.Actor())));
        group.MapPost("/signs", (HttpContext http, ReviewBook book, SignRequest request) => Answer(book.Sign(request, http.Actor())));
        group.MapGet("/locks", (ReviewBook book) => TypedResults.Ok(book.Locks().Select(l => new LockView(l.Month, l.Scope, l.Level)).ToArray()));
        group.MapPost("/locks", (HttpContext http, ReviewBook book, LockRequest request) => Answer(book.Lock(request, http.Actor())));
        group.MapPost("/locks/reopen", (HttpContext http, ReviewBook book, ReopenRequest request) => Answer(book.Reopen(request, http.Actor())));
    }

    private static Results<NoContent, ProblemHttpResult> Answer(Refusal? refusal)
        => refusal is null ? TypedResults.NoContent() : Problems.Of(refusal.Status, refusal.Code, refusal.Detail);
}
