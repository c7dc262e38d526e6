using System.Net.Http.Json;
using System.Text.Json;
using Envmon.Cli;
using Envmon.Server;
using Microsoft.Playwright;

namespace Envmon.Web.Tests.Support;

/// <summary>
/// A real <c>envmon demo</c> (in process, on loopback ports the system chooses) with its first 24 stations (national air
/// stations of Zhengzhou, Luoyang, Anyang and Kaifeng) replaying the last 6 hours at 3,600×, and Debian's Chromium driven by Playwright. Shared by the browser tests;
/// <see cref="InitializeAsync"/> waits until the demo has what they look at (every station online with an AQI, and
/// data of <see cref="ReviewDate"/> waiting for review in Zhengzhou), however long the machine takes.
/// </summary>
public sealed class DemoSite : IAsyncLifetime
{
    public const int Stations = 24;
    public const string Chromium = "/usr/bin/chromium";

    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _log = new();
    private Task<int>? _demo;
    private IPlaywright? _playwright;

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("envmon-web-").FullName;

    public Uri Address { get; private set; } = null!;

    public string Token { get; private set; } = "";

    public string Password { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The Beijing date of three hours ago: the day the reviews look at (the replay covers at least three of its hours).</summary>
    public static string ReviewDate { get; } = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddHours(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask InitializeAsync()
    {
        _demo = EnvmonCli.RunAsync(
            ["demo", "--data", Directory, "--http-listen", "127.0.0.1:0", "--hj212-listen", "127.0.0.1:0", "--stations", Stations.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--history", "6h", "--speed", "3600", "--faults", ""],
            new CliConsole(new MemoryStream(), new MemoryStream(), TextWriter.Synchronized(_log)), _stop.Token);
        var accounts = Path.Combine(Directory, "demo-accounts.txt");
        await Until(() => Task.FromResult(EnvmonServer.Running(Directory) is not null && File.Exists(accounts)));
        var info = EnvmonServer.Running(Directory)!;
        Address = new Uri(info.Http);
        Token = info.Token;
        Password = (await File.ReadAllLinesAsync(accounts)).First().Split('\t')[3];
        using var http = Api(Token);
        await Until(async () => (await http.GetFromJsonAsync<JsonElement[]>("/api/v1/overview"))!.Count(p => p.GetProperty("aqi").ValueKind == JsonValueKind.Number) == Stations);
        await Until(async () => (await http.GetFromJsonAsync<JsonElement[]>($"/api/v1/review/queue?date={ReviewDate}")) is { Length: > 0 } rows
            && rows.Any(r => r.GetProperty("city").GetString() == "410100"));
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A new browser page (its own cookies), signed in as <paramref name="user"/>, on the map.</summary>
    public async Task<IPage> SignInAsync(string user)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Address.ToString(), ViewportSize = new ViewportSize { Width = 1440, Height = 1000 }, Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => errors.Add($"{message.Type}: {message.Text}");
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync("/");
        await page.FillAsync("#signin input[name=name]", user);
        await page.FillAsync("#signin input[name=password]", Password);
        await page.ClickAsync("#signin button[type=submit]");
        try
        {
            await page.WaitForSelectorAsync("#station-table");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"the map did not appear; the page says \"{await page.InnerTextAsync("body")}\"; its console:\n{string.Join('\n', errors)}", e);
        }

        return page;
    }

    /// <summary>An API client with <paramref name="token"/>.</summary>
    public HttpClient Api(string token)
    {
        var http = new HttpClient { BaseAddress = Address };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return http;
    }

    /// <summary>A screenshot into artifacts/screenshots (copied into docs/ by hand when the dashboard changes).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "screenshots");
        System.IO.Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = false });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _stop.CancelAsync();
        if (_demo is not null)
        {
            await _demo;
        }

        _stop.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    // Polls until the condition holds; the demo's replay speed depends on the machine, so only a generous bound applies.
    private async Task Until(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(8);
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (DateTime.UtcNow > deadline || _demo is { IsCompleted: true })
            {
                throw new TimeoutException($"the demo did not get ready; its log:\n{_log}");
            }

            await Task.Delay(500);
        }
    }
}
