using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Envmon.Monitoring.Stations;
using Envmon.Server.Indicators;
using Envmon.Server.Stations;
using Envmon.Storage;
using Envmon.Storage.Indicators;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Envmon.Server.Publication;

/// <summary>A station as the public sees it: where it is and what it measures; no password, operator or protocol.</summary>
public sealed record PublicStation(string Mn, string Name, string Network, string NetworkZh, string City, string? CityName, string? County, string? CountyName,
    double Latitude, double Longitude);

/// <summary>
/// <c>/api/v1/public</c>: the published data, read-only and anonymous, rate-limited per client address
/// (<see cref="ServerOptions.PublicPermitsPerMinute"/>; over it, 429 <c>rate-limited</c> with Retry-After). Published
/// means reviewed (docs/quality.md): the reviewed daily AQI of cities and stations, the newest reviewed day of each
/// city, and rankings on reviewed days; never preliminary values, flags, cases or anything about people. The daily
/// answers are cached for a minute and carry ETags.
/// </summary>
internal static class PublicApi
{
    public const string Policy = "public";

    public static IServiceCollection AddPublicRateLimit(this IServiceCollection services, ServerOptions options)
        => services.AddOutputCache(cache => cache.AddPolicy(Policy, policy => policy.Expire(TimeSpan.FromSeconds(60)).SetVaryByQuery("*")))
            .AddRateLimiter(limiter =>
        {
            limiter.OnRejected = async (context, cancellation) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await Problems.Of(StatusCodes.Status429TooManyRequests, "rate-limited", $"at most {options.PublicPermitsPerMinute} public requests a minute per client")
                    .ExecuteAsync(context.HttpContext).ConfigureAwait(false);
            };
            limiter.AddPolicy(Policy, http => RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.PublicPermitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });

    public static void MapPublic(this IEndpointRouteBuilder routes)
    {
        // Answers are kept for a minute (the published figures change with review, not by the second) and carry an ETag,
        // so that a client asking again gets 304 Not Modified.
        var group = routes.MapGroup("/api/v1/public").RequireRateLimiting(Policy).CacheOutput(Policy).AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context).ConfigureAwait(false);
            if (result is ContentHttpResult { ResponseContent: { } body } content)
            {
                var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..20]}\"";
                var http = context.HttpContext;
                http.Response.Headers.ETag = etag;
                http.Response.Headers.CacheControl = "public, max-age=60";
                return http.Request.Headers.IfNoneMatch.Contains(etag) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : content;
            }

            return result;
        });
        group.MapGet("/stations", (StationRegistry stations) => Table.Of(stations.All
            .Where(s => s.Status is LifecycleStatus.Accepted or LifecycleStatus.Connected)
            .OrderBy(s => s.Mn, StringComparer.Ordinal)
            .Select(s => new PublicStation(s.Mn, s.Name, s.Network.Name(), s.Network.NameZh(), s.CityCode, s.CityName, s.CountyCode, s.CountyName, s.Latitude, s.Longitude))));
        group.MapGet("/aqi/cities/daily", (EnvmonStore store, DateOnly date) => Days(store, IndicatorScope.ReviewedCity, date, date));
        group.MapGet("/aqi/stations/daily", (EnvmonStore store, DateOnly date) => Days(store, IndicatorScope.ReviewedStation, date, date));
        group.MapGet("/aqi/cities/latest", (EnvmonStore store) =>
        {
            var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(Beijing).DateTime);
            var days = store.Indicators(new IndicatorQuery(IndicatorScope.ReviewedCity, IndicatorPeriod.Day, From: Midnight(today.AddDays(-7)), To: Midnight(today.AddDays(1))));
            return Json(days.GroupBy(d => d.Code, StringComparer.Ordinal).Select(g => g.MaxBy(d => d.Start)!).OrderBy(d => d.Code, StringComparer.Ordinal));
        });
        group.MapGet("/rankings", Results<Ok<RankingView>, ProblemHttpResult> (EnvmonStore store, DateOnly from, DateOnly to, string? by) =>
        {
            by ??= "composite";
            return to < from || to.DayNumber - from.DayNumber > 400 ? Problems.BadRequest("from must not be after to, at most 400 days apart")
                : !CityRankings.Keys.Contains(by) ? Problems.BadRequest($"by \"{by}\" is not one of {string.Join(", ", CityRankings.Keys)}")
                : TypedResults.Ok(CityRankings.Compute(store, from, to, by, "equal", CityRankings.LimitsFor(to), reviewed: true));
        });
    }

    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private static DateTimeOffset Midnight(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), Beijing);

    private static ContentHttpResult Days(EnvmonStore store, IndicatorScope scope, DateOnly from, DateOnly to)
        => Json(store.Indicators(new IndicatorQuery(scope, IndicatorPeriod.Day, From: Midnight(from), To: Midnight(to.AddDays(1)))));

    // The stored details are JSON already: the array is joined, not re-serialised.
    private static ContentHttpResult Json(IEnumerable<IndicatorRecord> records)
        => TypedResults.Text("[" + string.Join(',', records.Select(r => r.Detail)) + "]", "application/json; charset=utf-8");
}
