using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Envmon.Server.Tests.Indicators;
using Envmon.Server.Tests.Support;

namespace Envmon.Server.Tests.Dashboard;

/// <summary>Table endpoints (paging, CSV, ETags), the map's overview and live feed, and the scope on the older endpoints.</summary>
public sealed class TablesAndLiveTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ATableEndpointPagesExportsCsvAndRevalidatesWithItsETag()
    {
        await using var server = await RunningServer.StartAsync();
        await server.AddUserAsync("b-reviewer", "province-reviewer");
        await server.AddUserAsync("a-inspector", "inspector");
        using var http = server.Client(server.AdminToken);

        using var page = await http.GetAsync(new Uri("/api/v1/users?limit=1&offset=1", UriKind.Relative), Cancellation);
        Assert.Equal("2", page.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal("b-reviewer", Assert.Single((await page.Content.ReadFromJsonAsync<JsonElement[]>(Cancellation))!).GetProperty("name").GetString());
        Assert.Equal("</api/v1/users?limit=1&offset=0>; rel=\"prev\"", page.Headers.GetValues("Link").Single());

        var csv = await http.GetStringAsync(new Uri("/api/v1/users?format=csv", UriKind.Relative), Cancellation);
        Assert.Equal(["name,role,city,operator,disabled", "a-inspector,inspector,,,false", "b-reviewer,province-reviewer,,,false"], csv.TrimEnd().Split("\r\n"));

        using var first = await http.GetAsync(new Uri("/api/v1/users", UriKind.Relative), Cancellation);
        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/users", UriKind.Relative));
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var notModified = await http.SendAsync(again, Cancellation);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var bad = await http.GetAsync(new Uri("/api/v1/users?limit=0", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("bad-request", (await bad.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task TheOlderEndpointsNeedASignInAndKeepToTheCallersScope()
    {
        await using var server = await RunningServer.StartAsync();
        using var anonymous = server.Client();
        foreach (var path in new[] { "/api/v1/stations", "/api/v1/readings/latest", "/api/v1/aqi/stations", "/api/v1/recalls", "/api/v1/overview", $"/api/v1/stations/{RunningServer.Mn}" })
        {
            using var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative), Cancellation);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using var luoyang = server.Client(await server.AddUserAsync("luoyang", "city-reviewer", city: "410300"));
        Assert.Empty((await luoyang.GetFromJsonAsync<JsonElement[]>(new Uri("/api/v1/stations", UriKind.Relative), Cancellation))!);
        Assert.Empty((await luoyang.GetFromJsonAsync<JsonElement[]>(new Uri("/api/v1/overview", UriKind.Relative), Cancellation))!);
        using var detail = await luoyang.GetAsync(new Uri($"/api/v1/stations/{RunningServer.Mn}", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, detail.StatusCode);
        using var import = await luoyang.PostAsync(new Uri("/api/v1/stations/import", UriKind.Relative), new StringContent("mn\n"), Cancellation);
        Assert.Equal(HttpStatusCode.Forbidden, import.StatusCode);
    }

    [Fact]
    public async Task TheLiveFeedSendsASnapshotThenTheStationThatChanged()
    {
        await using var server = await RunningServer.StartAsync(options: o => o.LiveInterval = TimeSpan.FromMilliseconds(100));
        using var http = server.Client(server.AdminToken);
        using var response = await http.GetAsync(new Uri("/api/v1/live", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, Cancellation);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var events = new StreamReader(await response.Content.ReadAsStreamAsync(Cancellation));

        var (name, data) = await NextEventAsync(events);
        Assert.Equal("snapshot", name);
        var before = Assert.Single(data.EnumerateArray());
        Assert.Equal("never", before.GetProperty("link").GetString());
        Assert.Equal(JsonValueKind.Null, before.GetProperty("aqi").ValueKind);

        var hour = new DateTimeOffset(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Date, TimeSpan.FromHours(8)).AddHours(-2);
        await AirRollupTests.UploadAsync(server, FakeStation.HourUpload(RunningServer.Mn, hour, [9, 30, 0.6m, 40, 90, 50]));
        do
        {
            (name, data) = await NextEventAsync(events);
            Assert.Equal("update", name);
        }
        while (!data.EnumerateArray().Any(p => p.GetProperty("aqi").ValueKind == JsonValueKind.Number));

        var after = Assert.Single(data.EnumerateArray());
        Assert.Equal(RunningServer.Mn, after.GetProperty("mn").GetString());
        // The fake station connected (online while connected, offline once it has hung up after its upload).
        Assert.Contains(after.GetProperty("link").GetString(), new[] { "online", "offline" });
        // The same hourly AQI as the AQI endpoint's, with its category's level.
        var aqi = Assert.Single((await http.GetFromJsonAsync<JsonElement[]>(new Uri("/api/v1/aqi/stations", UriKind.Relative), Cancellation))!);
        Assert.Equal(aqi.GetProperty("aqi").GetInt32(), after.GetProperty("aqi").GetInt32());
        Assert.Equal(aqi.GetProperty("level").GetString(), $"{"一二三四五六"[after.GetProperty("level").GetInt32() - 1]}级");
    }

    [Fact]
    public async Task AKeptAnswerIsServedOnceMoreWhileItIsRebuiltAndNeverCrossesScopes()
    {
        await using var server = await RunningServer.StartAsync(options: o => o.AnswerAge = TimeSpan.FromMilliseconds(200));
        using var admin = server.Client(server.AdminToken);
        using var zhengzhou = server.Client(await server.AddUserAsync("zhengzhou", "city-reviewer", city: "410100"));
        using var luoyang = server.Client(await server.AddUserAsync("luoyang", "city-reviewer", city: "410300"));
        var latest = new Uri("/api/v1/readings/latest", UriKind.Relative);
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement[]>(latest, Cancellation))!);
        Assert.Empty((await luoyang.GetFromJsonAsync<JsonElement[]>(latest, Cancellation))!);

        var hour = new DateTimeOffset(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Date, TimeSpan.FromHours(8)).AddHours(-2);
        await AirRollupTests.UploadAsync(server, FakeStation.HourUpload(RunningServer.Mn, hour, [9, 30, 0.6m, 40, 90, 50]));
        // Kept, or old and being rebuilt: either way this request gets the answer from before the upload.
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement[]>(latest, Cancellation))!);
        JsonElement[] rows;
        do
        {
            await Task.Delay(50, Cancellation);
            rows = (await admin.GetFromJsonAsync<JsonElement[]>(latest, Cancellation))!;
        }
        while (rows.Length == 0);

        Assert.Equal(6, rows.Length);
        Assert.All(rows, r => Assert.Equal(RunningServer.Mn, r.GetProperty("mn").GetString()));
        // The city reviewers' answers are their own: Zhengzhou's station is built for Zhengzhou, never Luoyang.
        Assert.Equal(6, (await zhengzhou.GetFromJsonAsync<JsonElement[]>(latest, Cancellation))!.Length);
        for (var i = 0; i < 5; i++)
        {
            Assert.Empty((await luoyang.GetFromJsonAsync<JsonElement[]>(latest, Cancellation))!);
            await Task.Delay(100, Cancellation);
        }
    }

    [Fact]
    public async Task KeptAnswersAndTheDashboardFilesGoCompressedToClientsThatAcceptItAndNothingSecretDoes()
    {
        await using var server = await RunningServer.StartAsync();
        using var http = server.Client(server.AdminToken);
        var overview = new Uri("/api/v1/overview", UriKind.Relative);
        var plain = await http.GetByteArrayAsync(overview, Cancellation);

        using var request = new HttpRequestMessage(HttpMethod.Get, overview);
        request.Headers.AcceptEncoding.ParseAdd("gzip, br;q=0.5");
        using var compressed = await http.SendAsync(request, Cancellation);
        Assert.Equal(["gzip"], compressed.Content.Headers.ContentEncoding);
        Assert.EndsWith("-gzip\"", compressed.Headers.ETag!.Tag, StringComparison.Ordinal);
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        using (var gunzip = new GZipStream(await compressed.Content.ReadAsStreamAsync(Cancellation), CompressionMode.Decompress))
        using (var output = new MemoryStream())
        {
            await gunzip.CopyToAsync(output, Cancellation);
            Assert.Equal(plain, output.ToArray());
        }

        using var again = new HttpRequestMessage(HttpMethod.Get, overview);
        again.Headers.AcceptEncoding.ParseAdd("gzip");
        again.Headers.IfNoneMatch.Add(compressed.Headers.ETag);
        using var notModified = await http.SendAsync(again, Cancellation);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var script = new HttpRequestMessage(HttpMethod.Get, new Uri("/js/app.js", UriKind.Relative));
        script.Headers.AcceptEncoding.ParseAdd("br");
        using var scriptAnswer = await http.SendAsync(script, Cancellation);
        Assert.Equal(["br"], scriptAnswer.Content.Headers.ContentEncoding);

        // The session's answer carries its CSRF token: never compressed (no BREACH-style guessing through sizes).
        using var session = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/session", UriKind.Relative));
        session.Headers.AcceptEncoding.ParseAdd("gzip, br");
        using var sessionAnswer = await http.SendAsync(session, Cancellation);
        Assert.Empty(sessionAnswer.Content.Headers.ContentEncoding);
    }

    private static async Task<(string Name, JsonElement Data)> NextEventAsync(StreamReader events)
    {
        string? name = null;
        string? data = null;
        while (await events.ReadLineAsync(Cancellation) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
            else if (line.Length == 0 && data is not null)
            {
                return (name ?? "message", JsonDocument.Parse(data).RootElement.Clone());
            }
        }

        throw new InvalidOperationException("the event stream ended");
    }
}
