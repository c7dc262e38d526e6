using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Envmon.Web.Tests.Support;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(DemoSite))]

namespace Envmon.Web.Tests;

/// <summary>The dashboard in a real browser against a real demo: sign-in, the map, a station's charts, review, scopes.</summary>
public sealed class DashboardTests(DemoSite site)
{
    private static readonly string[] ZhengzhouOnly = ["410100"];

    [Fact]
    public async Task AWrongPasswordIsRefusedWithAMessageAndNoSession()
    {
        var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.Address.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.FillAsync("#signin input[name=name]", "admin");
        await page.FillAsync("#signin input[name=password]", "not-the-password");
        await page.ClickAsync("#signin button[type=submit]");
        await Assertions.Expect(page.Locator("#signin [role=alert]")).ToHaveTextAsync("用户名或密码错误");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "envmon_session");
        await context.CloseAsync();
    }

    [Fact]
    public async Task TheMapShowsEveryDemoStationColouredByAqiWithATextLegend()
    {
        var page = await site.SignInAsync("admin");
        // The chart's scatter series holds one point per station, and the legend counts them by category, in words.
        await page.WaitForFunctionAsync($"() => echarts.getInstanceByDom(document.getElementById('map-chart')).getOption().series[0].data.length === {DemoSite.Stations}");
        var legend = await page.Locator("#legend li").AllInnerTextsAsync();
        Assert.Contains(legend, l => l.StartsWith('优'));
        Assert.Equal(DemoSite.Stations, legend.Sum(l => int.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1], System.Globalization.CultureInfo.InvariantCulture)));
        await Assertions.Expect(page.Locator("#map-counts")).ToContainTextAsync($"站点 {DemoSite.Stations}");
        await Assertions.Expect(page.Locator("#live-status")).ToHaveTextAsync("实时更新");
        await DemoSite.ScreenshotAsync(page, "map");

        // Filtering by city leaves that city's stations only.
        await page.SelectOptionAsync("#city", "410300");
        await page.WaitForFunctionAsync("() => echarts.getInstanceByDom(document.getElementById('map-chart')).getOption().series[0].data.every(d => d.point.cityCode === '410300')");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AStationPageChartsEveryParameterWithItsRegistryAndConnections()
    {
        var page = await site.SignInAsync("admin");
        await page.ClickAsync("#station-table tbody tr:first-child");
        await page.WaitForSelectorAsync("#station-charts figure");
        var parameters = await page.Locator("#station-charts figure").EvaluateAllAsync<string[]>("figures => figures.map(f => f.querySelector('.chart').dataset.parameter)");
        Assert.Superset(new HashSet<string>(["SO2", "NO2", "CO", "O3", "PM10", "PM2.5"]), new HashSet<string>(parameters));
        var points = await page.EvaluateAsync<int>("() => echarts.getInstanceByDom(document.querySelector('[data-parameter=\"PM2.5\"]')).getOption().series[0].data.length");
        // The demo replays six hours: the chart has every stored hour of them.
        var stored = await page.EvaluateAsync<int>("() => fetch(location.hash.replace('#/station/', '/api/v1/readings?parameter=PM2.5&station=')).then(r => r.json()).then(a => a.length)");
        Assert.True(points >= 3 && Math.Abs(points - stored) <= 1, $"the PM2.5 chart has {points} hours of the {stored} stored");
        await Assertions.Expect(page.Locator("#connections tbody tr")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("AIR");
        await DemoSite.ScreenshotAsync(page, "station");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ACityReviewerMarksHoursOfADayInvalidAndTheDecisionIsTheCitys()
    {
        var page = await site.SignInAsync("zhengzhou");
        await page.GotoAsync($"/#/review/{DemoSite.ReviewDate}");
        await page.WaitForSelectorAsync("#queue-table tbody tr");
        var mn = await page.Locator("#queue-table tbody tr:first-child td:nth-child(3)").InnerTextAsync();
        await page.ClickAsync("#queue-table tbody tr:first-child");
        await page.WaitForSelectorAsync("#day-grid");
        var first = page.Locator("#day-grid tbody input[data-hour]").First;
        var hour = await first.GetAttributeAsync("data-hour");
        await first.CheckAsync();
        await page.SelectOptionAsync("#mark-reason", "station-fault");
        await page.FillAsync("#mark-comment", "分析仪故障");
        await page.ClickAsync("#mark-invalid");
        await Assertions.Expect(page.Locator("#review-message")).ToHaveTextAsync("完成");
        await Assertions.Expect(page.Locator("#day-grid tbody tr:first-child td.invalid")).Not.ToHaveCountAsync(0);

        // The API agrees: the hour's decision is the city level's, invalid, with the reason given.
        using var http = site.Api(site.Token);
        var day = await http.GetFromJsonAsync<JsonElement[]>($"/api/v1/review/day?station={mn}&date={DemoSite.ReviewDate}", TestContext.Current.CancellationToken);
        var decided = day!.Where(h => h.GetProperty("time").GetDateTimeOffset() == DateTimeOffset.Parse(hour!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(decided);
        Assert.All(decided, h =>
        {
            Assert.Equal("city", h.GetProperty("decision").GetProperty("level").GetString());
            Assert.False(h.GetProperty("decision").GetProperty("valid").GetBoolean());
            Assert.Equal("station-fault", h.GetProperty("decision").GetProperty("reason").GetString());
        });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ACityReviewerSeesOnlyItsOwnCityInTheUiAndOnTheApi()
    {
        var page = await site.SignInAsync("zhengzhou");
        await page.WaitForFunctionAsync("() => echarts.getInstanceByDom(document.getElementById('map-chart')).getOption().series[0].data.length > 0");
        var cities = await page.EvaluateAsync<string[]>("() => [...new Set(echarts.getInstanceByDom(document.getElementById('map-chart')).getOption().series[0].data.map(d => d.point.cityCode))]");
        Assert.Equal(ZhengzhouOnly, cities);
        await page.GotoAsync($"/#/review/{DemoSite.ReviewDate}");
        await page.WaitForSelectorAsync("#queue-table tbody tr");
        Assert.All(await page.Locator("#queue-table tbody td:nth-child(4)").AllInnerTextsAsync(), city => Assert.Equal("410100", city));

        // A Luoyang station is out of scope everywhere: its page, its review day, its series; the session's own cookie is used.
        using var admin = site.Api(site.Token);
        var luoyang = (await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/stations", TestContext.Current.CancellationToken))!
            .First(s => s.GetProperty("cityCode").GetString() == "410300").GetProperty("mn").GetString();
        await page.GotoAsync($"/#/station/{luoyang}");
        await Assertions.Expect(page.Locator("[role=alert]")).ToContainTextAsync("未找到或无权查看");
        foreach (var path in new[] { $"/api/v1/review/day?station={luoyang}&date={DemoSite.ReviewDate}", $"/api/v1/stations/{luoyang}", $"/api/v1/readings?station={luoyang}" })
        {
            var status = await page.EvaluateAsync<int>("path => fetch(path).then(r => r.status)", path);
            Assert.Equal((int)HttpStatusCode.NotFound, status);
        }

        var queue = await page.EvaluateAsync<JsonElement>($"() => fetch('/api/v1/review/queue?date={DemoSite.ReviewDate}').then(r => r.json())");
        Assert.All(queue.EnumerateArray(), row => Assert.Equal("410100", row.GetProperty("city").GetString()));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheLanguageSwitchesToEnglishAndBack()
    {
        var page = await site.SignInAsync("admin");
        await Assertions.Expect(page.Locator("#nav a[data-nav=map]")).ToHaveTextAsync("一张图");
        await page.ClickAsync("#lang");
        await Assertions.Expect(page.Locator("#nav a[data-nav=map]")).ToHaveTextAsync("Map");
        await Assertions.Expect(page.Locator("#legend li").First).ToContainTextAsync("Excellent");
        await page.ClickAsync("#lang");
        await Assertions.Expect(page.Locator("#nav a[data-nav=map]")).ToHaveTextAsync("一张图");
        await page.Context.CloseAsync();
    }
}
