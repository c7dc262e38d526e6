using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Envmon.Server.Stations;
using Envmon.Server.Tests.Support;
using Envmon.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Envmon.Server.Tests.Interference;

/// <summary>A station whose PM falls while its neighbours' does not: the scan opens a case with evidence, people triage it, all audited.</summary>
public sealed class CaseTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset LastDay = new DateTimeOffset(DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(Beijing).DateTime).AddDays(-2)
        .ToDateTime(TimeOnly.MinValue), Beijing);

    [Fact]
    public async Task ADropTheNeighboursDoNotShareOpensOneCaseWithEvidenceThatPeopleTriage()
    {
        await using var server = await RunningServer.StartAsync();
        var registry = server.Server.Services.GetRequiredService<StationRegistry>();
        var first = registry.Find(RunningServer.Mn)!;
        registry.Save([first with { Operator = "豫环运维" }, .. Enumerable.Range(2, 3).Select(i => first with { Mn = $"410100A000{i}", Name = $"站{i}", Latitude = first.Latitude + (0.02 * i) })]);
        var store = server.Server.Services.GetRequiredService<EnvmonStore>();
        var start = LastDay.AddDays(-8);
        var random = new Random(5);
        double Level(int h, string p) => (p switch { "CO" => 1.0, "O3" => 60, "PM10" => 120, "PM2.5" => 70, _ => 30 }) * Math.Exp(0.5 * Math.Sin(h / 20.0));
        foreach (var mn in registry.All.Select(s => s.Mn))
        {
            var tampered = mn == RunningServer.Mn;
            StoredHours.Write(store, mn, start, 9 * 24, (h, p) =>
            {
                var value = Level(h, p) * (1 + ((random.NextDouble() - 0.5) * 0.16));
                var dropped = tampered && p is "PM2.5" or "PM10" && h >= (8 * 24) + 10 && h < (8 * 24) + 14;
                return Math.Round(dropped ? value * 0.3 : value, p == "CO" ? 1 : 0);
            });
        }

        using var admin = server.Client(server.AdminToken);
        var scan = await (await admin.PostAsync(new Uri($"/api/v1/cases/scan?from={RunningServer.Query(LastDay)}&to={RunningServer.Query(LastDay.AddDays(1))}", UriKind.Relative), null,
            TestContext.Current.CancellationToken)).Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        // The neighbour test sees the drop; so may the PM/CO test (CO did not move): both concern this station only.
        var cases = (await admin.GetFromJsonAsync<JsonElement[]>(new Uri("/api/v1/cases", UriKind.Relative), TestContext.Current.CancellationToken))!;
        Assert.Equal(cases.Length, scan.GetProperty("opened").GetInt32());
        Assert.All(cases, c => Assert.Equal(RunningServer.Mn, c.GetProperty("mn").GetString()));
        var found = Assert.Single(cases, c => c.GetProperty("rule").GetString() == "neighbour-drop");
        Assert.Equal((RunningServer.Mn, "neighbour-drop", "new"), (found.GetProperty("mn").GetString(), found.GetProperty("rule").GetString(), found.GetProperty("status").GetString()));
        Assert.Equal((LastDay.AddHours(10), LastDay.AddHours(14)), (found.GetProperty("from").GetDateTimeOffset(), found.GetProperty("to").GetDateTimeOffset()));
        var id = found.GetProperty("id").GetInt64();

        var evidence = await admin.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/cases/{id}/evidence", UriKind.Relative), TestContext.Current.CancellationToken);
        var series = evidence.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(4, series.Select(s => s.GetProperty("mn").GetString()).Distinct().Count());
        var subject = series.Single(s => s.GetProperty("subject").GetBoolean() && s.GetProperty("parameter").GetString() == "PM2.5");
        Assert.Equal(24, subject.GetProperty("values").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToList()
            .FindIndex(v => v < 40));

        // Scanning again finds the same episode: no second case.
        var again = await (await admin.PostAsync(new Uri($"/api/v1/cases/scan?from={RunningServer.Query(LastDay)}&to={RunningServer.Query(LastDay.AddDays(1))}", UriKind.Relative), null,
            TestContext.Current.CancellationToken)).Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(0, again.GetProperty("opened").GetInt32());

        using var inspector = server.Client(await server.AddUserAsync("督察", "inspector"));
        using var dismiss = await inspector.PostAsJsonAsync(new Uri($"/api/v1/cases/{id}/triage", UriKind.Relative), new { status = "dismissed" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, dismiss.StatusCode);
        using var confirm = await inspector.PostAsJsonAsync(new Uri($"/api/v1/cases/{id}/triage", UriKind.Relative), new { status = "confirmed", reason = "现场核查：采样口被遮挡" },
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, confirm.StatusCode);

        using var operatorClient = server.Client(await server.AddUserAsync("运维", "operator", company: "豫环运维"));
        Assert.Empty((await operatorClient.GetFromJsonAsync<JsonElement[]>(new Uri("/api/v1/cases", UriKind.Relative), TestContext.Current.CancellationToken))!);

        var card = (await admin.GetFromJsonAsync<JsonElement[]>(new Uri($"/api/v1/stats/scorecard?from={RunningServer.Query(LastDay)}&to={RunningServer.Query(LastDay.AddDays(1))}", UriKind.Relative),
            TestContext.Current.CancellationToken))!.Single(r => r.GetProperty("key").GetString() == RunningServer.Mn);
        Assert.Equal((1, cases.Length - 1), (card.GetProperty("confirmedCases").GetInt32(), card.GetProperty("openCases").GetInt32()));
        Assert.Equal(100.0 - 30 - (10 * (cases.Length - 1)), card.GetProperty("authentic").GetDouble());

        var actions = (await admin.GetFromJsonAsync<JsonElement[]>(new Uri("/api/v1/audit?action=case.", UriKind.Relative), TestContext.Current.CancellationToken))!
            .Select(e => (e.GetProperty("actor").GetString(), e.GetProperty("action").GetString())).ToArray();
        Assert.Equal([.. Enumerable.Repeat<(string?, string?)>(("system", "case.open"), cases.Length), ("督察", "case.triage")], actions);
    }
}
