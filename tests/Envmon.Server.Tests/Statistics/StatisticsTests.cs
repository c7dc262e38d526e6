using System.Net.Http.Json;
using System.Text.Json;
using Envmon.Monitoring.Stations;
using Envmon.Server.Stations;
using Envmon.Server.Tests.Support;
using Envmon.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Envmon.Server.Tests.Statistics;

/// <summary>The network's statistics from stored data with known receipt times, flags and QA windows: every numerator and denominator checked by hand.</summary>
public sealed class StatisticsTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset Day = new DateTimeOffset(DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(Beijing).DateTime).AddDays(-2)
        .ToDateTime(TimeOnly.MinValue), Beijing);

    [Fact]
    public async Task EveryRateShowsItsNumeratorAndDenominatorAndRollsUpBySums()
    {
        await using var server = await RunningServer.StartAsync();
        var registry = server.Server.Services.GetRequiredService<StationRegistry>();
        var first = registry.Find(RunningServer.Mn)! with { Operator = "豫环运维", CityName = "郑州市" };
        var silent = first with { Mn = "410100A0009", Name = "新建站", Status = LifecycleStatus.Accepted };
        var planned = first with { Mn = "410100A0010", Name = "规划站", Status = LifecycleStatus.Planned };
        registry.Save([first, silent, planned]);
        var store = server.Server.Services.GetRequiredService<EnvmonStore>();

        // 22 hours sent (22 and 23 not), hour 5 two hours late, hour 3 flagged maintenance (M); a calibration window over hours 22–23.
        StoredHours.Write(store, RunningServer.Mn, Day, 24, (h, p) => h >= 22 ? null : 30 + h, h => h == 5 ? TimeSpan.FromHours(2) : TimeSpan.FromMinutes(10),
            h => h == 3 ? "M" : "N");
        using var admin = server.Client(server.AdminToken);
        using (var window = await admin.PostAsJsonAsync(new Uri("/api/v1/qc/windows", UriKind.Relative),
            new { mn = RunningServer.Mn, from = Day.AddHours(22), to = Day.AddHours(24), reason = "calibration", workOrder = "WO-7" }, TestContext.Current.CancellationToken))
        {
            window.EnsureSuccessStatusCode();
        }

        using (var run = await admin.PostAsync(new Uri($"/api/v1/qc/run?from={RunningServer.Query(Day)}&to={RunningServer.Query(Day.AddDays(1))}", UriKind.Relative), null, TestContext.Current.CancellationToken))
        {
            run.EnsureSuccessStatusCode();
        }

        var rows = (await admin.GetFromJsonAsync<JsonElement[]>(new Uri($"/api/v1/stats?from={RunningServer.Query(Day)}&to={RunningServer.Query(Day.AddDays(1))}&by=station", UriKind.Relative),
            TestContext.Current.CancellationToken))!;
        Assert.Equal([RunningServer.Mn, silent.Mn], rows.Select(r => r.GetProperty("key").GetString()));
        var row = rows[0];
        (long, long) Ratio(string name) => (row.GetProperty(name).GetProperty("numerator").GetInt64(), row.GetProperty(name).GetProperty("denominator").GetInt64());
        Assert.Equal((132L, 144L), Ratio("transmission"));
        Assert.Equal((126L, 132L), Ratio("timeliness"));
        Assert.Equal((126L, 132L), Ratio("capture"));
        Assert.Equal((126L, 132L), Ratio("validity"));
        Assert.Equal((126L, 144L), Ratio("effectiveTransmission"));
        Assert.Equal((126L, 144L), Ratio("instrumentRunning"));
        Assert.Equal((0L, 2L), Ratio("reviewTimeliness"));
        Assert.Equal((12L, 6L), (row.GetProperty("qaExcluded").GetInt64(), row.GetProperty("fail").GetInt64()));
        Assert.Equal((10, 10), (row.GetProperty("latencyP50Minutes").GetInt32(), row.GetProperty("latencyP95Minutes").GetInt32()));
        Assert.Equal((0L, 144L), (rows[1].GetProperty("received").GetInt64(), rows[1].GetProperty("due").GetInt64()));

        var city = Assert.Single((await admin.GetFromJsonAsync<JsonElement[]>(new Uri($"/api/v1/stats?from={RunningServer.Query(Day)}&to={RunningServer.Query(Day.AddDays(1))}&by=city", UriKind.Relative),
            TestContext.Current.CancellationToken))!);
        Assert.Equal((2, 132L, 288L), (city.GetProperty("stations").GetInt32(), city.GetProperty("transmission").GetProperty("numerator").GetInt64(),
            city.GetProperty("transmission").GetProperty("denominator").GetInt64()));

        // Neither reporting station has sent data within a day: both are named as not linked; the planned one is not due.
        var networking = await admin.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/stats/networking?from={RunningServer.Query(Day)}&to={RunningServer.Query(Day.AddDays(1))}", UriKind.Relative),
            TestContext.Current.CancellationToken);
        Assert.Equal((0L, 2L), (networking.GetProperty("networking").GetProperty("numerator").GetInt64(), networking.GetProperty("networking").GetProperty("denominator").GetInt64()));
        Assert.Equal(["烟厂", "新建站"], networking.GetProperty("unlinked").EnumerateArray().Select(u => u.GetProperty("name").GetString()));

        using var bad = await admin.GetAsync(new Uri($"/api/v1/stats?from={RunningServer.Query(Day)}&to={RunningServer.Query(Day.AddDays(1))}&by=galaxy", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task AReportingStationWithNoFactorsConfiguredAndNoDataIsCountedNotAnError()
    {
        // A noise station whose profile names no factors has no parameters it is due to send; silent in the period, it
        // still belongs to the statistics (a station built and not transmitting is what they must show), with nothing
        // due and nothing received, and the rest is computed as usual.
        await using var server = await RunningServer.StartAsync();
        var registry = server.Server.Services.GetRequiredService<StationRegistry>();
        var air = registry.Find(RunningServer.Mn)!;
        var noise = air with
        {
            Mn = "410100N0001",
            Name = "噪声站",
            Network = Network.Noise,
            NoiseZone = NoiseZone.Class2,
            Profile = air.Profile with { Factors = [] },
        };
        registry.Save([air, noise]);
        using var admin = server.Client(server.AdminToken);
        var query = $"from={RunningServer.Query(Day)}&to={RunningServer.Query(Day.AddDays(1))}";
        var rows = (await admin.GetFromJsonAsync<JsonElement[]>(new Uri($"/api/v1/stats?{query}&by=station", UriKind.Relative),
            TestContext.Current.CancellationToken))!;
        var row = Assert.Single(rows, r => r.GetProperty("key").GetString() == noise.Mn);
        Assert.Equal((0L, 0L), (row.GetProperty("received").GetInt64(), row.GetProperty("due").GetInt64()));
        foreach (var path in new[] { "/api/v1/stats/networking", "/api/v1/stats/scorecard" })
        {
            using var answer = await admin.GetAsync(new Uri($"{path}?{query}", UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
        }
    }
}
