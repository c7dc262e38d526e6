using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Envmon.Cli.Tests.Support;
using Envmon.Testing;

namespace Envmon.Cli.Tests.Installed;

/// <summary>
/// The envmon that build/install.sh installs is compiled ahead of time to native code, without the JIT or run-time
/// reflection the in-process tests have. Here it runs as users run it: its commands must answer byte for byte as the
/// in-process ones do, and as a server it must store what a station sends over TCP, answer every API path, stop
/// cleanly and leave a store that verifies.
/// </summary>
public sealed partial class InstalledProgramTests : IDisposable
{
    private static readonly string Samples = CliRunner.TestData("sample-frames.hj212");
    private readonly string _data = Directory.CreateTempSubdirectory("envmon-installed-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    public static TheoryData<string[]> Commands() => new(
        ["--help"],
        ["serve", "--help"],
        ["hj212", "decode", Samples],
        ["hj212", "decode", "--lenient-crc", "--max-length", "600", Samples],
        ["hj212", "decode", "--summary", Samples],
        ["cases", "evaluate", "--stations", "40", "--days", "4", "--seed", "7"]);

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task ACommandAnswersAsItDoesInProcess(string[] args)
    {
        var installed = await EnvmonProgram.Installed.RunAsync(args);
        var expected = await CliRunner.RunAsync(args);
        Assert.Equal((expected.ExitCode, expected.Error), (installed.ExitCode, installed.Error));
        // In process, help names the test program.
        Assert.Equal(WithoutTimings(expected.Text).Replace("Envmon.Cli.Tests", "envmon", StringComparison.Ordinal), WithoutTimings(installed.Text));
    }

    [Fact]
    public async Task EncodingGivesTheSameBytes()
    {
        var decoded = Encoding.UTF8.GetBytes(string.Join('\n', File.ReadLines(CliRunner.TestData("sample-frames.decode.approved.jsonl"))
            .Where(line => line.StartsWith("{\"ok\":true", StringComparison.Ordinal))));
        var installed = await EnvmonProgram.Installed.RunAsync(decoded, "hj212", "encode", "--split", "400");
        var expected = await CliRunner.RunAsync(decoded, "hj212", "encode", "--split", "400");
        Assert.Equal(0, installed.ExitCode);
        Assert.Equal(expected.Output, installed.Output);
    }

    [Fact]
    public async Task EveryIndicatorVectorComputesAsInProcess()
    {
        var vectors = (JsonArray)JsonNode.Parse(await File.ReadAllTextAsync(CliRunner.TestData("indicator-vectors.json"), TestContext.Current.CancellationToken))!["vectors"]!;
        var program = EnvmonProgram.Installed;
        var compared = 0;
        foreach (var vector in vectors)
        {
            string[] args = ["calc", vector!["command"]!.GetValue<string>(), vector["input"]!.ToJsonString()];
            var expected = await CliRunner.RunAsync(args);
            var installed = await program.RunAsync(args);
            Assert.True((expected.ExitCode, expected.Text, expected.Error) == (installed.ExitCode, installed.Text, installed.Error),
                $"{vector["id"]}: in process {expected.ExitCode} {expected.Text}{expected.Error}, installed {installed.ExitCode} {installed.Text}{installed.Error}");
            compared += expected.ExitCode == 0 ? 1 : 0;
        }

        Assert.True(compared >= 145, $"only {compared} vectors computed");
    }

    [Fact]
    public async Task AsAServerItStoresWhatAStationSendsAnswersEveryPathAndStopsCleanly()
    {
        var program = EnvmonProgram.Installed;
        var stations = Path.Combine(_data, "stations.csv");
        await File.WriteAllTextAsync(stations, "mn,password,name,network,city_code,lat,lon\n41010001AOT,123456,郑州测试站,national_air,410100,34.7,113.6\n",
            TestContext.Current.CancellationToken);
        Assert.Equal(0, (await program.RunAsync("stations", "import", stations, "--data", _data)).ExitCode);
        var start = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.FromHours(8));
        using (var server = await program.StartServerAsync(_data, "serve"))
        {
            using (var link = await StationLink.ConnectAsync(server.Hj212, TestContext.Current.CancellationToken))
            {
                for (var minute = 0; minute < 3; minute++)
                {
                    Assert.True(await link.UploadAsync(Uploads.Minute("41010001AOT", "123456", start.AddMinutes(minute), 30 + minute),
                        TestContext.Current.CancellationToken));
                }
            }

            using var http = server.Client();
            var failures = new List<string>();
            foreach (var path in await ParameterlessGetPathsAsync(http))
            {
                using var response = await http.GetAsync(new Uri(path.TrimStart('/'), UriKind.Relative), HttpCompletionOption.ResponseHeadersRead,
                    TestContext.Current.CancellationToken);
                if ((int)response.StatusCode >= 500 || (!response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType != "application/problem+json"))
                {
                    failures.Add($"{path}: {(int)response.StatusCode}");
                }
            }

            Assert.True(failures.Count == 0, string.Join('\n', failures));
            var user = await program.RunAsync(Encoding.UTF8.GetBytes("a long enough password\n"), "users", "add", "inspector", "--data", _data, "--role", "inspector",
                "--password-stdin");
            Assert.True(user.ExitCode == 0, user.Error);
            Assert.Equal(ExpectedReadings(start), (await program.RunAsync("readings", "export", "--data", _data, "--kind", "minute")).Text);
            Assert.Equal(0, (await program.RunAsync("verify", "--data", _data)).ExitCode);
            Assert.Equal(0, await server.StopAsync());
            Assert.DoesNotMatch(Failure(), server.Errors);
        }

        Assert.False(File.Exists(Path.Combine(_data, "server.json")));
        Assert.Equal(ExpectedReadings(start), (await program.RunAsync("readings", "export", "--data", _data, "--kind", "minute")).Text);
        var verify = await program.RunAsync("verify", "--data", _data);
        Assert.True(verify.ExitCode == 0, verify.Error);
        Assert.Contains("inspector", (await program.RunAsync("users", "list", "--data", _data)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDemoFillsTheDashboardWithItsSimulatedStations()
    {
        using var server = await EnvmonProgram.Installed.StartServerAsync(_data, "demo", "--stations", "30", "--history", "2h", "--speed", "600");
        using var http = server.Client();
        var archived = 0L;
        for (var i = 0; i < 120 && archived < 100; i++)
        {
            await Task.Delay(500, TestContext.Current.CancellationToken);
            using var health = JsonDocument.Parse(await http.GetStringAsync(new Uri("health", UriKind.Relative), TestContext.Current.CancellationToken));
            archived = health.RootElement.GetProperty("archiveRecords").GetInt64();
        }

        Assert.True(archived >= 100, $"the demo's stations sent {archived} frames in a minute");
        Assert.Contains("<html", await http.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        using var echarts = await http.GetAsync(new Uri("lib/echarts.min.js", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, echarts.StatusCode);
        using var latest = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/v1/readings/latest", UriKind.Relative), TestContext.Current.CancellationToken));
        Assert.NotEqual(0, latest.RootElement.GetArrayLength());
        Assert.Equal(0, await server.StopAsync());
        Assert.DoesNotMatch(Failure(), server.Errors);
    }

    // The decode summary reports its own run time, which differs from run to run.
    private static string WithoutTimings(string text) => Seconds().Replace(text, "\"seconds\":_");

    [GeneratedRegex("\"seconds\":[0-9.]+")]
    private static partial Regex Seconds();

    // A log entry at level Error or Critical, or an exception no one caught.
    [GeneratedRegex("^(fail|crit):|Unhandled exception", RegexOptions.Multiline)]
    private static partial Regex Failure();

    // Ordered by station, parameter and time; RFC 4180 CSV: lines end with CR LF.
    private static string ExpectedReadings(DateTimeOffset start) => string.Concat(
        ["mn,parameter,kind,time,value,flag,revised\r\n",
        .. Enumerable.Range(0, 3).Select(m => string.Create(CultureInfo.InvariantCulture, $"41010001AOT,CO,minute,{start.AddMinutes(m):yyyy-MM-dd'T'HH:mm:sszzz},0.8,N,false\r\n")),
        .. Enumerable.Range(0, 3).Select(m => string.Create(CultureInfo.InvariantCulture, $"41010001AOT,PM2.5,minute,{start.AddMinutes(m):yyyy-MM-dd'T'HH:mm:sszzz},{30 + m},N,false\r\n"))]);

    // Every GET path of the OpenAPI document without a path parameter: called with no query, each must answer with data
    // or with a problem that says what is missing, never with a server error.
    private static async Task<List<string>> ParameterlessGetPathsAsync(HttpClient http)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken));
        var paths = document.RootElement.GetProperty("paths").EnumerateObject()
            .Where(p => !p.Name.Contains('{', StringComparison.Ordinal) && p.Value.TryGetProperty("get", out _))
            .Select(p => p.Name)
            .ToList();
        Assert.True(paths.Count >= 30, $"the API document lists {paths.Count} parameterless GET paths");
        return paths;
    }
}
