using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Envmon.Hj212;
using Envmon.Hj212.Packets;
using Envmon.Monitoring.Stations;
using Envmon.Server.Indicators;
using Envmon.Server.Stations;
using Envmon.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Envmon.Server.Tests.Indicators;

/// <summary>Water class per sample and noise day levels, kept by the server as hourly uploads are committed.</summary>
public sealed class SectionRollupTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static Hj212Packet Hourly(string mn, string st, DateTimeOffset hour, params (string Key, string Value)[] values) => new()
    {
        Qn = Hj212Time.FormatQn(hour.AddMinutes(61)),
        St = st,
        Cn = "2061",
        Password = RunningServer.Password,
        Mn = mn,
        Flag = 5,
        Fields = [new(0, "DataTime", Hj212Time.Format(hour)), .. values.Select((v, i) => new Hj212Field(i + 1, v.Key, v.Value))],
    };

    private static async Task<RunningServer> StartAsync(Station station)
    {
        var server = await RunningServer.StartAsync();
        server.Server.Services.GetRequiredService<StationRegistry>().Save([station]);
        return server;
    }

    private static Station Make(string mn, Network network, NoiseZone? zone = null) => new()
    {
        Mn = mn,
        Password = StationPassword.Create(RunningServer.Password, iterations: 10),
        Name = mn,
        Network = network,
        NoiseZone = zone,
        CityCode = "410100",
        Latitude = 34.7,
        Longitude = 113.6,
    };

    private static async Task<JsonElement> SendAndGetAsync(RunningServer server, IEnumerable<Hj212Packet> uploads, string path)
    {
        await using (var station = await FakeStation.ConnectAsync(server))
        {
            foreach (var upload in uploads)
            {
                await station.SendAsync(upload);
                Assert.Equal("9014", (await station.ReceiveAsync(Wait))?.Cn);
            }
        }

        using var http = server.Client(server.AdminToken);
        return Assert.Single((await http.GetFromJsonAsync<JsonElement>(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken)).EnumerateArray());
    }

    [Fact]
    public async Task AWaterSampleIsClassedByItsWorstItemWithTheExceedanceOverClassIii()
    {
        await using var server = await StartAsync(Make("WTR1", Network.RiverWater));
        var hour = DateTimeOffset.UtcNow.AddHours(-2);
        hour = new DateTimeOffset(hour.UtcTicks - (hour.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
        var section = await SendAndGetAsync(server,
            [Hourly("WTR1", "21", hour, ("w01001-Avg", "7.0"), ("w01009-Avg", "7.0"), ("w01019-Avg", "3.0"), ("w21003-Avg", "0.3"), ("w21011-Avg", "0.25"), ("w01010-Avg", "12.5"))],
            "/api/v1/water/sections");
        Assert.Equal(("IV", "轻度污染", false), (section.GetProperty("label").GetString(), section.GetProperty("status").GetString(), section.GetProperty("meetsTarget").GetBoolean()));
        Assert.Equal(["TP"], section.GetProperty("deciding").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(0.25m, section.GetProperty("exceeding").GetProperty("TP").GetDecimal());
    }

    [Fact]
    public async Task ANoiseDayIsTheEnergyMeanOfItsHoursJudgedByItsZone()
    {
        await using var server = await StartAsync(Make("NSE1", Network.Noise, NoiseZone.Class3));
        // Yesterday, Beijing time: 16 day hours, 8 at 70 and 8 at 50 (energy mean 67.0, over the class-3 limit of 65); nights at 45.
        var beijing = TimeSpan.FromHours(8);
        var today = DateTimeOffset.UtcNow.ToOffset(beijing);
        var day = new DateTimeOffset(today.Year, today.Month, today.Day, 0, 0, 0, beijing).AddDays(-1);
        var uploads = Enumerable.Range(0, 24).Select(h =>
        {
            var leq = h is < 6 or >= 22 ? 45 : h < 14 ? 70 : 50;
            return Hourly("NSE1", "23", day.AddHours(h), ("Leq-Data", leq.ToString(CultureInfo.InvariantCulture)));
        });
        var zone = await SendAndGetAsync(server, uploads, "/api/v1/noise/zones");
        Assert.Equal((67.0m, 45.0m, false, true), (zone.GetProperty("ld").GetDecimal(), zone.GetProperty("ln").GetDecimal(),
            zone.GetProperty("dayCompliant").GetBoolean(), zone.GetProperty("nightCompliant").GetBoolean()));
        Assert.Equal(("3", 16, 8), (zone.GetProperty("zone").GetString(), zone.GetProperty("dayHours").GetInt32(), zone.GetProperty("nightHours").GetInt32()));

        server.Server.Services.GetRequiredService<IndicatorWriter>().Write();
        var stored = await GetArrayAsync(server, $"/api/v1/noise/zones/NSE1?from={Query(day)}&to={Query(day.AddDays(1))}");
        Assert.Equal(zone.GetRawText(), Assert.Single(stored.EnumerateArray()).GetRawText());
    }

    [Fact]
    public async Task AWaterDayIsClassedOnTheMeansOfItsSamplesAndBothAreStored()
    {
        await using var server = await StartAsync(Make("WTR1", Network.RiverWater));
        var beijing = TimeSpan.FromHours(8);
        var today = DateTimeOffset.UtcNow.ToOffset(beijing);
        var day = new DateTimeOffset(today.Year, today.Month, today.Day, 0, 0, 0, beijing).AddDays(-1);
        Hj212Packet Sample(int hour, string tp) => Hourly("WTR1", "21", day.AddHours(hour), ("w01001-Avg", "7.0"), ("w01009-Avg", "7.0"), ("w21011-Avg", tp));
        // TP 0.25 (class IV) and 0.15 (III): the day's mean 0.20 is class III, on the limit.
        var latest = await SendAndGetAsync(server, [Sample(8, "0.25"), Sample(12, "0.15")], "/api/v1/water/sections");
        Assert.Equal("III", latest.GetProperty("label").GetString());

        server.Server.Services.GetRequiredService<IndicatorWriter>().Write();
        var range = $"from={Query(day)}&to={Query(day.AddDays(1))}";
        var samples = await GetArrayAsync(server, $"/api/v1/water/sections/WTR1?period=hour&{range}");
        Assert.Equal(["IV", "III"], samples.EnumerateArray().Select(s => s.GetProperty("label").GetString()));
        var days = await GetArrayAsync(server, $"/api/v1/water/sections/WTR1?period=day&{range}");
        var stored = Assert.Single(days.EnumerateArray());
        Assert.Equal(("III", true, day), (stored.GetProperty("label").GetString(), stored.GetProperty("meetsTarget").GetBoolean(), stored.GetProperty("time").GetDateTimeOffset()));
    }

    private static string Query(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("O", CultureInfo.InvariantCulture));

    private static async Task<JsonElement> GetArrayAsync(RunningServer server, string path)
    {
        using var http = server.Client(server.AdminToken);
        return await http.GetFromJsonAsync<JsonElement>(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
    }
}
