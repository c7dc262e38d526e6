using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Envmon.Server.Indicators;
using Envmon.Server.Tests.Indicators;
using Envmon.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Envmon.Server.Tests.Publication;

/// <summary>The public API: anonymous, read-only, reviewed data only, nothing about people, and a rate limit per client.</summary>
public sealed class PublicApiTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly DateOnly Yesterday = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(Beijing).DateTime).AddDays(-1);

    [Fact]
    public async Task AnonymousCallersGetStationsWithoutSecretsAndTheReviewedDaysOnly()
    {
        await using var server = await RunningServer.StartAsync();
        var hour = new DateTimeOffset(Yesterday.ToDateTime(TimeOnly.MinValue), Beijing);
        await AirRollupTests.UploadAsync(server, [.. Enumerable.Range(0, 24).Select(h => FakeStation.HourUpload(RunningServer.Mn, hour.AddHours(h), [9, 30 + h, 0.6m, 40 + (3 * h), 90, 50 + h]))]);
        server.Server.Services.GetRequiredService<IndicatorWriter>().Write();
        using var anonymous = server.Client();

        var stations = await anonymous.GetStringAsync(new Uri("/api/v1/public/stations", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Contains(RunningServer.Mn, stations, StringComparison.Ordinal);
        Assert.DoesNotContain("password", stations, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("operator", stations, StringComparison.OrdinalIgnoreCase);

        var published = await anonymous.GetStringAsync(new Uri($"/api/v1/public/aqi/cities/daily?date={Yesterday:yyyy-MM-dd}", UriKind.Relative), TestContext.Current.CancellationToken);
        using var staff = server.Client(server.AdminToken);
        var reviewed = await staff.GetStringAsync(new Uri($"/api/v1/aqi/cities/daily?date={Yesterday:yyyy-MM-dd}&version=reviewed", UriKind.Relative),
            TestContext.Current.CancellationToken);
        Assert.Equal(reviewed, published);
        Assert.Equal("410100", Assert.Single(JsonDocument.Parse(published).RootElement.EnumerateArray()).GetProperty("code").GetString());
        // The answer carries an ETag; asking again with it gets 304 and no body.
        using var first = await anonymous.GetAsync(new Uri($"/api/v1/public/aqi/cities/daily?date={Yesterday:yyyy-MM-dd}", UriKind.Relative), TestContext.Current.CancellationToken);
        var etag = first.Headers.ETag!;
        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/v1/public/aqi/cities/daily?date={Yesterday:yyyy-MM-dd}", UriKind.Relative));
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await anonymous.SendAsync(again, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        var latest = await anonymous.GetFromJsonAsync<JsonElement[]>(new Uri("/api/v1/public/aqi/cities/latest", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(Yesterday, DateOnly.Parse(Assert.Single(latest!).GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task AClientOverItsLimitGetsAProblemAndWaits()
    {
        await using var server = await RunningServer.StartAsync(options: o => o.PublicPermitsPerMinute = 3);
        using var anonymous = server.Client();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await anonymous.GetAsync(new Uri("/api/v1/public/stations", UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var limited = await anonymous.GetAsync(new Uri("/api/v1/public/stations", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("60", limited.Headers.GetValues("Retry-After").Single());
        Assert.Equal("rate-limited", (await limited.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("code").GetString());
    }
}
