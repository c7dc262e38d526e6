using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Envmon.Monitoring.Indicators;
using Envmon.Monitoring.Readings;
using Envmon.Server.Indicators;
using Envmon.Server.Quality;
using Envmon.Server.Review;
using Envmon.Server.Stations;
using Envmon.Server.Tests.Indicators;
using Envmon.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Envmon.Server.Tests.Review;

/// <summary>Three-level review over a real server: marks, sign-offs in order, locks and reopening, scope, the reviewed indicators, the audit trail.</summary>
public sealed class ReviewTests
{
    private const string Company = "豫环运维有限公司";
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly DateOnly Yesterday = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(Beijing).DateTime).AddDays(-1);

    private static DateTimeOffset Hour(int hour) => new DateTimeOffset(Yesterday.ToDateTime(TimeOnly.MinValue), Beijing).AddHours(hour);

    private static decimal Pm25(int hour) => hour < 4 ? 150 + (5 * hour) : 40 + hour;

    private sealed record Reviewers(HttpClient Operator, HttpClient City, HttpClient Province, HttpClient OtherCity) : IDisposable
    {
        public void Dispose()
        {
            Operator.Dispose();
            City.Dispose();
            Province.Dispose();
            OtherCity.Dispose();
        }
    }

    private static async Task<(RunningServer Server, Reviewers Reviewers)> StartAsync()
    {
        var server = await RunningServer.StartAsync();
        var registry = server.Server.Services.GetRequiredService<StationRegistry>();
        registry.Save([registry.Find(RunningServer.Mn)! with { Operator = Company, CityName = "郑州市" }]);
        await AirRollupTests.UploadAsync(server, [.. Enumerable.Range(0, 24).Select(h => FakeStation.HourUpload(RunningServer.Mn, Hour(h), [9 + (h % 3), 30 + h, 0.6m, 40 + (3 * h), 90 + h, Pm25(h)]))]);
        server.Server.Services.GetRequiredService<QcRunner>().EvaluatePending();
        return (server, new Reviewers(server.Client(await server.AddUserAsync("王运维", "operator", company: Company)),
            server.Client(await server.AddUserAsync("郑州审核", "city-reviewer", city: "410100")), server.Client(await server.AddUserAsync("省站审核", "province-reviewer")),
            server.Client(await server.AddUserAsync("开封审核", "city-reviewer", city: "410200"))));
    }

    private static object Mark(int from, int to, string decision, string reason, params string[] parameters)
        => new { stations = new[] { RunningServer.Mn }, parameters, kind = "hour", from = Hour(from), to = Hour(to), decision, reason, comment = "现场核查" };

    private static async Task<(HttpStatusCode Status, string? Code)> PostAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, text.Length > 0 ? JsonDocument.Parse(text).RootElement.GetProperty("code").GetString() : null);
    }

    [Fact]
    public async Task LevelsSignOffInOrderAndTheHighestLevelsNewestDecisionApplies()
    {
        var (server, reviewers) = await StartAsync();
        await using var _ = server;
        using var __ = reviewers;
        var sign = new { stations = new[] { RunningServer.Mn }, date = Yesterday };

        Assert.Equal((HttpStatusCode.NoContent, null), await PostAsync(reviewers.Operator, "/api/v1/review/marks", Mark(10, 13, "invalid", "equipment-failure", "PM2.5")));
        Assert.Equal((HttpStatusCode.Conflict, "lower-level-pending"), await PostAsync(reviewers.City, "/api/v1/review/signs", sign));
        Assert.Equal((HttpStatusCode.NoContent, null), await PostAsync(reviewers.Operator, "/api/v1/review/signs", sign));
        Assert.Equal((HttpStatusCode.NoContent, null), await PostAsync(reviewers.City, "/api/v1/review/marks", Mark(11, 12, "valid", "normal", "PM2.5")));
        Assert.Equal((HttpStatusCode.NoContent, null), await PostAsync(reviewers.City, "/api/v1/review/signs", sign));
        Assert.Equal((HttpStatusCode.BadRequest, "bad-request"), await PostAsync(reviewers.City, "/api/v1/review/marks", Mark(11, 12, "valid", "no-such-reason")));

        var book = server.Server.Services.GetRequiredService<ReviewBook>();
        Assert.Equal(("operator", false), (book.DecisionFor(RunningServer.Mn, "PM2.5", DataKind.Hour, Hour(10))!.Level, book.DecisionFor(RunningServer.Mn, "PM2.5", DataKind.Hour, Hour(10))!.Valid));
        Assert.Equal(("city", true), (book.DecisionFor(RunningServer.Mn, "PM2.5", DataKind.Hour, Hour(11))!.Level, book.DecisionFor(RunningServer.Mn, "PM2.5", DataKind.Hour, Hour(11))!.Valid));
        Assert.Null(book.DecisionFor(RunningServer.Mn, "PM10", DataKind.Hour, Hour(10)));

        // The city reviewer's view of the day: every hour with its value, flag, automatic QC and the decision that applies.
        var day = (await reviewers.City.GetFromJsonAsync<JsonElement[]>(new Uri($"/api/v1/review/day?station={RunningServer.Mn}&date={Yesterday:yyyy-MM-dd}", UriKind.Relative),
            TestContext.Current.CancellationToken))!;
        Assert.Equal(24 * 6, day.Length);
        JsonElement At(int hour) => day.Single(h => h.GetProperty("parameter").GetString() == "PM2.5" && h.GetProperty("time").GetDateTimeOffset() == Hour(hour));
        Assert.Equal(("operator", false), (At(10).GetProperty("decision").GetProperty("level").GetString(), At(10).GetProperty("decision").GetProperty("valid").GetBoolean()));
        Assert.Equal(("city", true), (At(11).GetProperty("decision").GetProperty("level").GetString(), At(11).GetProperty("decision").GetProperty("valid").GetBoolean()));
        Assert.Equal((JsonValueKind.Null, (double)Pm25(9)), (At(9).GetProperty("decision").ValueKind, At(9).GetProperty("value").GetDouble()));

        var queue = await reviewers.City.GetFromJsonAsync<JsonElement[]>(new Uri($"/api/v1/review/queue?date={Yesterday:yyyy-MM-dd}", UriKind.Relative), TestContext.Current.CancellationToken);
        var row = Assert.Single(queue!);
        Assert.Equal((24, "郑州审核", true), (row.GetProperty("hours").GetInt32(), row.GetProperty("signedBy").GetString(), row.GetProperty("lowerSigned").GetBoolean()));
        var province = await reviewers.Province.GetFromJsonAsync<JsonElement[]>(new Uri($"/api/v1/review/queue?date={Yesterday:yyyy-MM-dd}", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(JsonValueKind.Null, Assert.Single(province!).GetProperty("signedBy").ValueKind);

        // A city reviewer of another city sees no queue row for the station and cannot act on it.
        Assert.Empty((await reviewers.OtherCity.GetFromJsonAsync<JsonElement[]>(new Uri($"/api/v1/review/queue?date={Yesterday:yyyy-MM-dd}", UriKind.Relative), TestContext.Current.CancellationToken))!);
        Assert.Equal((HttpStatusCode.NotFound, "not-found"), await PostAsync(reviewers.OtherCity, "/api/v1/review/marks", Mark(1, 2, "invalid", "other")));

        // The book is rebuilt from the audit log after a restart.
        await server.RestartAsync();
        var rebuilt = server.Server.Services.GetRequiredService<ReviewBook>();
        Assert.True(rebuilt.DecisionFor(RunningServer.Mn, "PM2.5", DataKind.Hour, Hour(11))!.Valid);
        Assert.NotNull(rebuilt.SignedAt(RunningServer.Mn, Yesterday, 1));
        using var admin = server.Client(server.AdminToken);
        var actions = (await admin.GetFromJsonAsync<JsonElement[]>(new Uri("/api/v1/audit?action=review.", UriKind.Relative), TestContext.Current.CancellationToken))!
            .Select(e => (e.GetProperty("actor").GetString()!, e.GetProperty("action").GetString()!)).ToArray();
        Assert.Equal([("王运维", "review.mark"), ("王运维", "review.sign"), ("郑州审核", "review.mark"), ("郑州审核", "review.sign")], actions);
    }

    [Fact]
    public async Task ALockedMonthRefusesMarksUntilAHigherLevelReopensItWithAReason()
    {
        var (server, reviewers) = await StartAsync();
        await using var _ = server;
        using var __ = reviewers;
        var month = Yesterday.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), await PostAsync(reviewers.Operator, "/api/v1/review/locks", new { month, city = "410100" }));
        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), await PostAsync(reviewers.City, "/api/v1/review/locks", new { month, city = "410200" }));
        Assert.Equal((HttpStatusCode.NoContent, null), await PostAsync(reviewers.City, "/api/v1/review/locks", new { month, city = "410100" }));
        Assert.Equal((HttpStatusCode.Conflict, "locked"), await PostAsync(reviewers.Operator, "/api/v1/review/marks", Mark(1, 2, "invalid", "power-cut")));
        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), await PostAsync(reviewers.City, "/api/v1/review/locks/reopen", new { month, city = "410100", reason = "补充审核" }));
        Assert.Equal((HttpStatusCode.BadRequest, "bad-request"), await PostAsync(reviewers.Province, "/api/v1/review/locks/reopen", new { month, city = "410100", reason = " " }));
        Assert.Equal((HttpStatusCode.NoContent, null), await PostAsync(reviewers.Province, "/api/v1/review/locks/reopen", new { month, city = "410100", reason = "补充审核" }));
        Assert.Equal((HttpStatusCode.NoContent, null), await PostAsync(reviewers.Operator, "/api/v1/review/marks", Mark(1, 2, "invalid", "power-cut")));
    }

    [Fact]
    public async Task InvalidatingHoursRecomputesTheReviewedDayAndLeavesThePreliminaryOne()
    {
        var (server, reviewers) = await StartAsync();
        await using var _ = server;
        using var __ = reviewers;
        Assert.Equal((HttpStatusCode.NoContent, null), await PostAsync(reviewers.Operator, "/api/v1/review/marks", Mark(0, 4, "invalid", "local-source", "PM2.5")));
        server.Server.Services.GetRequiredService<IndicatorWriter>().Write();

        async Task<decimal> DayPm25Async(string version)
        {
            var path = $"/api/v1/aqi/stations/{RunningServer.Mn}?period=day&from={RunningServer.Query(Hour(0))}&to={RunningServer.Query(Hour(24))}&version={version}";
            var day = Assert.Single((await AirRollupTests.GetAsync(server, path)).EnumerateArray());
            return day.GetProperty("values").GetProperty("PM2.5").GetDecimal();
        }

        var all = Enumerable.Range(0, 24).Select(Pm25).ToList();
        Assert.Equal(Gbt8170.RoundConcentration("PM2.5", all.Sum() / 24), await DayPm25Async("preliminary"));
        Assert.Equal(Gbt8170.RoundConcentration("PM2.5", all.Skip(4).Sum() / 20), await DayPm25Async("reviewed"));
        using var bad = await server.Client(server.AdminToken).GetAsync(new Uri($"/api/v1/aqi/stations/{RunningServer.Mn}?period=day&version=final", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

}
