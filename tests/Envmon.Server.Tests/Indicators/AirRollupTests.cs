using System.Net.Http.Json;
using System.Text.Json;
using Envmon.Hj212.Packets;
using Envmon.Monitoring.Indicators;
using Envmon.Monitoring.Indicators.Air;
using Envmon.Monitoring.Stations;
using Envmon.Server.Stations;
using Envmon.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Envmon.Server.Tests.Indicators;

/// <summary>Hourly AQI of stations and cities, kept by the server as hourly uploads are committed, over real sockets.</summary>
public sealed class AirRollupTests
{
    private const string Second = "410100A0002";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static async Task<RunningServer> StartWithTwoCityStationsAsync()
    {
        var server = await RunningServer.StartAsync();
        server.Server.Services.GetRequiredService<StationRegistry>().Save([new Station
        {
            Mn = Second, Password = StationPassword.Create(RunningServer.Password, iterations: 10), Name = "市监测站", Network = Network.NationalAir,
            CityCode = "410100", CityName = "郑州市", Latitude = 34.75, Longitude = 113.62,
        }]);
        return server;
    }

    internal static async Task UploadAsync(RunningServer server, params Hj212Packet[] uploads)
    {
        await using var station = await FakeStation.ConnectAsync(server);
        foreach (var upload in uploads)
        {
            await station.SendAsync(upload);
            Assert.Equal("9014", (await station.ReceiveAsync(Wait))?.Cn);
        }
    }

    internal static async Task<JsonElement> GetAsync(RunningServer server, string path)
    {
        using var http = server.Client(server.AdminToken);
        return await http.GetFromJsonAsync<JsonElement>(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheCityHourAveragesItsStationsThenComputesTheIndexWhateverTheOrder(bool reversed)
    {
        await using var server = await StartWithTwoCityStationsAsync();
        var now = DateTimeOffset.UtcNow;
        var hour = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero).AddHours(-2);
        var first = FakeStation.HourUpload(RunningServer.Mn, hour, [8, 30, 0.6m, 60, 90, 58]);
        var second = FakeStation.HourUpload(Second, hour, [12, 41, 0.9m, 80, 101, 64]);
        var revision = FakeStation.HourUpload(Second, hour, [12, 41, 0.9m, 80, 101, 300], sentAfter: 75);
        await UploadAsync(server, reversed ? [second, first, revision] : [first, second, revision]);

        var city = Assert.Single((await GetAsync(server, "/api/v1/aqi/cities")).EnumerateArray());
        var rules = AirRuleSets.ForDate(DateOnly.FromDateTime(hour.ToOffset(TimeSpan.FromHours(8)).DateTime));
        var expected = AirQualityIndex.Hourly(new HourlyConcentrations(10, Gbt8170.RoundConcentration("NO2", 35.5m), 0.8m, 70,
            Gbt8170.RoundConcentration("PM10", 95.5m), 61), rules, roundConcentrations: rules.RoundsConcentrations());
        Assert.Equal(("410100", expected.Aqi, 2), (city.GetProperty("code").GetString(), city.GetProperty("aqi").GetInt32(), city.GetProperty("stations").GetProperty("PM2.5").GetInt32()));
        Assert.Equal(hour, city.GetProperty("hour").GetDateTimeOffset());

        // The revised PM2.5 (300) of the second station changes nothing: the first value stays, as in the store.
        var stations = (await GetAsync(server, "/api/v1/aqi/stations")).EnumerateArray().ToDictionary(s => s.GetProperty("code").GetString()!);
        var single = AirQualityIndex.Hourly(new HourlyConcentrations(12, 41, 0.9m, 80, 101, 64), rules);
        Assert.Equal(single.Aqi, stations[Second].GetProperty("aqi").GetInt32());
        Assert.Equal(64m, stations[Second].GetProperty("concentrations").GetProperty("PM2.5").GetDecimal());
    }

    [Fact]
    public async Task AStationWithoutHourlyUploadsGetsItsHourFromFortyFiveMinutes()
    {
        await using var server = await RunningServer.StartAsync();
        server.Server.Services.GetRequiredService<StationRegistry>().Save([new Station
        {
            Mn = "410100M0001", Password = StationPassword.Create(RunningServer.Password, iterations: 10), Name = "分钟站", Network = Network.ProvincialAir,
            CityCode = "410100", Latitude = 34.7, Longitude = 113.6, Profile = new ProtocolProfile { SendsHourly = false },
        }]);
        var now = DateTimeOffset.UtcNow;
        var hour = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero).AddHours(-2);
        async Task<JsonElement> StationAsync() => Assert.Single((await GetAsync(server, "/api/v1/aqi/stations")).EnumerateArray());

        // 44 minutes (values 20 … 63) are not enough for an hourly value; the 45th (64) makes the mean 42.
        await UploadAsync(server, [.. Enumerable.Range(0, 44).Select(m => FakeStation.MinuteUpload(hour.AddMinutes(m), 20 + m, mn: "410100M0001"))]);
        Assert.Contains("PM2.5", (await StationAsync()).GetProperty("missing").EnumerateArray().Select(e => e.GetString()));
        await UploadAsync(server, FakeStation.MinuteUpload(hour.AddMinutes(44), 64, mn: "410100M0001"));
        var station = await StationAsync();
        Assert.Equal(42m, station.GetProperty("concentrations").GetProperty("PM2.5").GetDecimal());
        Assert.Equal(hour, station.GetProperty("hour").GetDateTimeOffset());
    }
}
