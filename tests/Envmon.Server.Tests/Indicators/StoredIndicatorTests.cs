using Envmon.Monitoring.Indicators;
using Envmon.Monitoring.Indicators.Air;
using Envmon.Monitoring.Stations;
using Envmon.Server.Indicators;
using Envmon.Server.Stations;
using Envmon.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Envmon.Server.Tests.Indicators;

/// <summary>Indicators the server stores as data arrives: daily AQI of stations and cities, hourly series, rankings.</summary>
public sealed class StoredIndicatorTests
{
    private const string Second = "410100A0002";
    private const string Other = "410200A0001";
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private static void AddStations(RunningServer server)
    {
        Station Air(string mn, string city, string name) => new()
        {
            Mn = mn,
            Password = StationPassword.Create(RunningServer.Password, iterations: 10),
            Name = mn,
            Network = Network.NationalAir,
            CityCode = city,
            CityName = name,
            Latitude = 34.7,
            Longitude = 113.6,
        };
        server.Server.Services.GetRequiredService<StationRegistry>().Save([Air(Second, "410100", "郑州市"), Air(Other, "410200", "开封市")]);
    }

    private static DateOnly DaysAgo(int days) => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(Beijing).DateTime).AddDays(-days);

    private static DateTimeOffset Hour(DateOnly date, int hour) => new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), Beijing).AddHours(hour);

    private static string Query(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("O", System.Globalization.CultureInfo.InvariantCulture));

    // Every upload was acknowledged, so its work is queued: write it now rather than wait for the writer's delay.
    private static void Settle(RunningServer server) => server.Server.Services.GetRequiredService<IndicatorWriter>().Write();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheCityDayAveragesItsStationsValidDaysWhateverTheOrderAndSurvivesARestart(bool reversed)
    {
        await using var server = await RunningServer.StartAsync();
        AddStations(server);
        var date = DaysAgo(1);
        decimal[] First(int h) => [8 + (h % 3), 30 + h, 0.6m, 40 + (5 * h), 90, 50 + h];
        decimal[] Second_(int h) => [12, 41, 0.9m, 60 + (4 * h), 101, 64];
        // The second station misses 00–05: 19 hours are too few for its 24-h means, not for its O3 8-h windows (14 of 17 valid).
        var uploads = Enumerable.Range(0, 24).Select(h => FakeStation.HourUpload(RunningServer.Mn, Hour(date, h), First(h)))
            .Concat(Enumerable.Range(0, 24).Where(h => h >= 5).Select(h => FakeStation.HourUpload(Second, Hour(date, h), Second_(h)))).ToList();
        if (reversed)
        {
            uploads.Reverse();
        }

        await AirRollupTests.UploadAsync(server, [.. uploads]);

        decimal?[] Series(Func<int, decimal[]> values, int item, bool all) => [.. Enumerable.Range(0, 24).Select(h => all || h >= 5 ? values(h)[item] : (decimal?)null)];
        var first = AirStatistics.O3EightHour(Series(First, 3, all: true));
        var second = AirStatistics.O3EightHour(Series(Second_, 3, all: false));
        var expected = new DailyValues(
            AirStatistics.DailyMean(Series(First, 0, true)).Mean, AirStatistics.DailyMean(Series(First, 1, true)).Mean, 0.6m, 90,
            AirStatistics.DailyMean(Series(First, 5, true)).Mean, AirStatistics.DailyMaxHour(Series(First, 3, true)), (first.Mda8 + second.Mda8) / 2);
        var aqi = AirQualityIndex.Daily(expected, AirRuleSets.ForDate(date)).Aqi;
        var path = $"/api/v1/aqi/cities/daily?date={date:yyyy-MM-dd}";
        Settle(server);
        var cities = await AirRollupTests.GetAsync(server, path);
        var city = Assert.Single(cities.EnumerateArray());
        Assert.Equal(("410100", aqi, 2), (city.GetProperty("code").GetString(), city.GetProperty("aqi").GetInt32(), city.GetProperty("stations").GetInt32()));
        var values = city.GetProperty("values");
        Assert.Equal(Gbt8170.RoundConcentration("PM2.5", expected.Pm25!.Value), values.GetProperty("PM2.5").GetDecimal());
        Assert.Equal(Gbt8170.RoundConcentration("O3", expected.O3MaxEightHour!.Value), values.GetProperty("O3_8h_max").GetDecimal());

        var stationDays = await AirRollupTests.GetAsync(server, $"/api/v1/aqi/stations/{Second}?period=day&from={Query(Hour(date, 0))}&to={Query(Hour(date, 24))}");
        var secondDay = Assert.Single(stationDays.EnumerateArray());
        Assert.Equal(19, secondDay.GetProperty("hours").GetProperty("PM2.5").GetInt32());
        Assert.False(secondDay.GetProperty("values").TryGetProperty("PM2.5", out _));
        var hours = await AirRollupTests.GetAsync(server, $"/api/v1/aqi/stations/{RunningServer.Mn}?from={Query(Hour(date, 0))}&to={Query(Hour(date, 24))}");
        Assert.Equal(24, hours.GetArrayLength());

        await server.RestartAsync();
        Assert.Equal(cities.GetRawText(), (await AirRollupTests.GetAsync(server, path)).GetRawText());
    }

    [Fact]
    public async Task CitiesAreRankedByTheCompositeIndexOfThePeriod()
    {
        await using var server = await RunningServer.StartAsync();
        AddStations(server);
        var (from, to) = (DaysAgo(4), DaysAgo(3));
        decimal[] clean = [6, 20, 0.4m, 80, 35, 14];
        decimal[] dirty = [.. clean.Select(v => v * 2)];
        var uploads = new[] { from, to }.SelectMany(d => Enumerable.Range(0, 24).SelectMany(h => new[]
        {
            FakeStation.HourUpload(Other, Hour(d, h), dirty), FakeStation.HourUpload(RunningServer.Mn, Hour(d, h), clean),
        }));
        await AirRollupTests.UploadAsync(server, [.. uploads]);
        Settle(server);

        var ranking = await AirRollupTests.GetAsync(server, $"/api/v1/rankings?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");
        var cities = ranking.GetProperty("cities").EnumerateArray()
            .Select(c => (c.GetProperty("rank").GetInt32(), c.GetProperty("code").GetString(), c.GetProperty("composite").GetDecimal(), c.GetProperty("days").GetInt32(),
                c.GetProperty("goodShare").GetDecimal())).ToList();
        // 6/60 + 20/40 + 0.4/4 + 80/160 + 35/70 + 14/35 = 2.10; twice the concentrations, twice the index.
        Assert.Equal([(1, "410100", 2.10m, 2, 100m), (2, "410200", 4.20m, 2, 100m)], cities);
        Assert.Equal("2026-transition", ranking.GetProperty("limits").GetString());

        using var http = server.Client(server.AdminToken);
        using var bad = await http.GetAsync(new Uri($"/api/v1/rankings?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&by=PM25", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("PM2.5", await bad.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
