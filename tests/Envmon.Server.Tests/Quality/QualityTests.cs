using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Envmon.Monitoring.Quality;
using Envmon.Monitoring.Stations;
using Envmon.Server.Quality;
using Envmon.Server.Stations;
using Envmon.Server.Tests.Indicators;
using Envmon.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Envmon.Server.Tests.Quality;

/// <summary>Automatic QC in the server: hourly uploads over real sockets are flagged with provenance, scoped by role, configurable, audited.</summary>
public sealed class QualityTests
{
    private const string Operator = "豫环运维有限公司";
    private const string Elsewhere = "410200A0001";

    private static DateTimeOffset HoursAgo(int hours)
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero).AddHours(-hours);
    }

    private static async Task<RunningServer> StartAsync()
    {
        var server = await RunningServer.StartAsync();
        var registry = server.Server.Services.GetRequiredService<StationRegistry>();
        registry.Save([registry.Find(RunningServer.Mn)! with { Operator = Operator }, new Station
        {
            Mn = Elsewhere, Password = StationPassword.Create(RunningServer.Password, iterations: 10), Name = "开封站", Network = Network.NationalAir,
            CityCode = "410200", Latitude = 34.79, Longitude = 114.3,
        }]);
        return server;
    }

    // Five hours of PM2.5 with a 300 in the middle; PM10 stays near 90, so that hour is also a PM2.5/PM10 inversion.
    // The other pollutants move a little, as real ones do (a value repeated for 4 hours is a flat line).
    private static async Task UploadFiveHoursAsync(RunningServer server)
    {
        decimal[] pm25 = [40, 42, 300, 41, 43];
        await AirRollupTests.UploadAsync(server, [.. Enumerable.Range(0, 5)
            .Select(i => FakeStation.HourUpload(RunningServer.Mn, HoursAgo(6 - i), [9 + i, 30 + i, 0.6m + (0.1m * i), 60 + i, 90 + i, pm25[i]]))]);
        server.Server.Services.GetRequiredService<QcRunner>().EvaluatePending();
    }

    private static async Task<JsonElement[]> FlagsAsync(HttpClient http, string query = "")
        => [.. (await http.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/qc/flags{query}", UriKind.Relative), TestContext.Current.CancellationToken)).EnumerateArray()];

    [Fact]
    public async Task ASpikeIsFlaggedWithItsRuleVersionAndParameterHashAndTheInversionOnBothValues()
    {
        await using var server = await StartAsync();
        await UploadFiveHoursAsync(server);
        using var http = server.Client(server.AdminToken);

        var flags = await FlagsAsync(http, $"?station={RunningServer.Mn}");
        var spikeHour = HoursAgo(4).ToOffset(TimeSpan.FromHours(8));
        // The spike hour, and the hours on either side (the average method: 42 and 41 are each far from their neighbours' mean).
        Assert.Equal([spikeHour.AddHours(-1), spikeHour, spikeHour.AddHours(1)], flags.Where(f => f.GetProperty("parameter").GetString() == "PM2.5").Select(f => f.GetProperty("time").GetDateTimeOffset()));
        var pm25 = flags.Single(f => f.GetProperty("parameter").GetString() == "PM2.5" && f.GetProperty("time").GetDateTimeOffset() == spikeHour);
        Assert.Equal(3, pm25.GetProperty("level").GetInt32());
        Assert.Equal(1, pm25.GetProperty("config").GetInt32());
        var rule = QcConfiguration.Default.Rules.Single(r => r.Id == "air-pm25-spike-hour");
        var spike = Assert.Single(pm25.GetProperty("flags").EnumerateArray(), f => f.GetProperty("reason").GetString() == "spike");
        Assert.Equal((rule.Id, rule.Version, rule.Hash, "突变（尖峰）"), (spike.GetProperty("rule").GetString(), spike.GetProperty("version").GetInt32(),
            spike.GetProperty("hash").GetString(), spike.GetProperty("reasonZh").GetString()));
        Assert.Contains(pm25.GetProperty("flags").EnumerateArray(), f => f.GetProperty("reason").GetString() == "pm-inversion");
        var pm10 = Assert.Single(flags, f => f.GetProperty("parameter").GetString() == "PM10");
        Assert.Equal(["pm-inversion"], pm10.GetProperty("flags").EnumerateArray().Select(f => f.GetProperty("reason").GetString()));

        // The batch run over the same hours finds what real time found: nothing to change.
        var run = await http.PostAsync(new Uri($"/api/v1/qc/run?kind=hour&from={RunningServer.Query(HoursAgo(8))}&to={RunningServer.Query(HoursAgo(0))}", UriKind.Relative), null, TestContext.Current.CancellationToken);
        var result = await run.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal((0, 4), (result.GetProperty("changed").GetInt32(), result.GetProperty("suspect").GetInt32()));
    }

    [Fact]
    public async Task DataOlderThanTheWindowIsCheckedFromTheStoreWhenItArrives()
    {
        await using var server = await StartAsync();
        const int daysAgo = 6 * 24;
        decimal[] pm25 = [40, 42, 300, 41, 43];
        await AirRollupTests.UploadAsync(server, [.. Enumerable.Range(0, 5)
            .Select(i => FakeStation.HourUpload(RunningServer.Mn, HoursAgo(daysAgo + 6 - i), [9 + i, 30 + i, 0.6m + (0.1m * i), 60 + i, 90 + i, pm25[i]]))]);
        var runner = server.Server.Services.GetRequiredService<QcRunner>();
        runner.EvaluatePending();
        runner.EvaluateLateDays();
        using var http = server.Client(server.AdminToken);
        var flagged = await FlagsAsync(http, "?parameter=PM2.5");
        Assert.Contains(flagged, f => f.GetProperty("time").GetDateTimeOffset() == HoursAgo(daysAgo + 4)
            && f.GetProperty("flags").EnumerateArray().Any(x => x.GetProperty("reason").GetString() == "spike"));
    }

    [Fact]
    public async Task EveryRoleSeesOnlyItsScopeAndAnonymousCallersAreRefused()
    {
        await using var server = await StartAsync();
        await UploadFiveHoursAsync(server);
        using var anonymous = server.Client();
        using var refused = await anonymous.GetAsync(new Uri("/api/v1/qc/flags", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("unauthenticated", (await refused.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("code").GetString());

        using var kaifeng = server.Client(await server.AddUserAsync("kaifeng", "city-reviewer", city: "410200"));
        Assert.Empty(await FlagsAsync(kaifeng));
        using var other = await kaifeng.GetAsync(new Uri($"/api/v1/qc/flags?station={RunningServer.Mn}", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);

        using var zhengzhou = server.Client(await server.AddUserAsync("zhengzhou", "city-reviewer", city: "410100"));
        using var admin = server.Client(server.AdminToken);
        Assert.Equal(4, (await FlagsAsync(admin)).Length);
        Assert.Equal(4, (await FlagsAsync(zhengzhou)).Length);
        using var forbidden = await zhengzhou.PutAsync(new Uri("/api/v1/qc/config", UriKind.Relative), new StringContent("{}"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var denied = Assert.Single((await admin.GetFromJsonAsync<JsonElement[]>(new Uri("/api/v1/audit?action=access.", UriKind.Relative), TestContext.Current.CancellationToken))!);
        Assert.Equal(("zhengzhou", "PUT /api/v1/qc/config"), (denied.GetProperty("actor").GetString(), denied.GetProperty("target").GetString()));
    }

    [Fact]
    public async Task AnOperatorsMaintenanceWindowFailsTheValuesInItWithItsReason()
    {
        await using var server = await StartAsync();
        using var op = server.Client(await server.AddUserAsync("yunwei", "operator", company: Operator));
        var window = new { mn = RunningServer.Mn, parameter = (string?)null, from = HoursAgo(3), to = HoursAgo(2), reason = "maintenance", workOrder = "WO-2026-118" };
        using (var added = await op.PostAsJsonAsync(new Uri("/api/v1/qc/windows", UriKind.Relative), window, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }

        using (var elsewhere = await op.PostAsJsonAsync(new Uri("/api/v1/qc/windows", UriKind.Relative), window with { mn = Elsewhere }, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        }

        using (var badReason = await op.PostAsJsonAsync(new Uri("/api/v1/qc/windows", UriKind.Relative), window with { reason = "spike" }, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badReason.StatusCode);
        }

        await UploadFiveHoursAsync(server);
        var inWindow = (await FlagsAsync(op, "?level=4")).Where(f => f.GetProperty("time").GetDateTimeOffset() == HoursAgo(3)).ToList();
        Assert.Equal(6, inWindow.Count);
        Assert.All(inWindow, f => Assert.Contains(f.GetProperty("flags").EnumerateArray(), x => x.GetProperty("reason").GetString() == "maintenance"));
    }

    [Fact]
    public async Task ANewConfigurationIsAuditedAndARunAppliesIt()
    {
        await using var server = await StartAsync();
        await UploadFiveHoursAsync(server);
        using var http = server.Client(server.AdminToken);
        var config = JsonNode.Parse(QcConfiguration.Default.Json)!;
        config["version"] = 2;
        var rule = config["rules"]!.AsArray().Single(r => r!["id"]!.GetValue<string>() == "air-pm25-spike-hour")!;
        rule["version"] = 2;
        rule["params"]!["fail"] = 200;
        var stricter = config.ToJsonString();
        using (var older = await http.PutAsync(new Uri("/api/v1/qc/config", UriKind.Relative), new StringContent(QcConfiguration.Default.Json), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.BadRequest, older.StatusCode);
        }

        using (var invalid = await http.PutAsync(new Uri("/api/v1/qc/config", UriKind.Relative), new StringContent("{\"version\": 9, \"rules\": [{}]}"), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        }

        using (var set = await http.PutAsync(new Uri("/api/v1/qc/config", UriKind.Relative), new StringContent(stricter), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        await http.PostAsync(new Uri($"/api/v1/qc/run?kind=hour&from={RunningServer.Query(HoursAgo(8))}&to={RunningServer.Query(HoursAgo(0))}", UriKind.Relative), null, TestContext.Current.CancellationToken);
        var pm25 = Assert.Single(await FlagsAsync(http, "?parameter=PM2.5&level=4"));
        var spike = Assert.Single(pm25.GetProperty("flags").EnumerateArray(), f => f.GetProperty("reason").GetString() == "spike");
        Assert.Equal((4, 2, 2), (pm25.GetProperty("level").GetInt32(), pm25.GetProperty("config").GetInt32(), spike.GetProperty("version").GetInt32()));

        var audit = (await http.GetFromJsonAsync<JsonElement[]>(new Uri("/api/v1/audit", UriKind.Relative), TestContext.Current.CancellationToken))!;
        Assert.Equal(["qc-config.set", "qc.run"], audit.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(("local", stricter), (audit[0].GetProperty("actor").GetString(), audit[0].GetProperty("detail").GetString()));
        var verified = await (await http.PostAsync(new Uri("/api/v1/audit/verify", UriKind.Relative), null, TestContext.Current.CancellationToken))
            .Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(2, verified.GetProperty("records").GetInt64());
        Assert.Equal(JsonValueKind.Null, verified.GetProperty("firstBad").ValueKind);

        // The configuration in force survives a restart: it is the newest one of the audit log.
        await server.RestartAsync();
        Assert.Equal(2, server.Server.Services.GetRequiredService<QcRunner>().Configuration.Version);
    }

}
