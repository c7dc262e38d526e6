using System.Text;
using Envmon.Cli.Tests.Support;
using Envmon.Monitoring.Readings;
using Envmon.Storage;
using Envmon.Storage.Archive;
using Envmon.Storage.Readings;

namespace Envmon.Cli.Tests.Report;

/// <summary><c>envmon report aqi</c> on a stopped server's store: the cities' daily AQI from stored hourly readings.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("envmon-report-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task ADayOfTwoStationsGivesTheCityAqiOfTheirMeanConcentrations()
    {
        var csv = Path.Combine(_data, "stations.csv");
        await File.WriteAllTextAsync(csv, "mn,password,name,network,city_code,city_name,lat,lon\nA1,1,甲,national_air,410100,郑州市,34.7,113.6\n"
            + "A2,1,乙,national_air,410100,郑州市,34.8,113.7\nT1,1,乡镇,township_air,410100,郑州市,34.9,113.8\n", TestContext.Current.CancellationToken);
        Assert.Equal(0, (await CliRunner.RunAsync("stations", "import", csv, "--data", _data)).ExitCode);
        var day = new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.FromHours(8));
        using (var store = EnvmonStore.Open(new StoreOptions { DataDirectory = _data, Threads = 1 }))
        {
            var batch = new IngestBatch();
            foreach (var (mn, pm25) in new[] { ("A1", 50.0), ("A2", 70.0), ("T1", 400.0) })
            {
                var readings = Enumerable.Range(0, 24).SelectMany(h => new[] { ("SO2", 10.0), ("NO2", 40.0), ("CO", 1.0), ("O3", 100.0), ("PM10", 100.0), ("PM2.5", pm25) }
                    .Select(p => new Reading(mn, p.Item1, DataKind.Hour, day.AddHours(h), p.Item2, null, null, "N"))).ToList();
                batch.Add(new ArchivedFrame(day, "127.0.0.1:1", "c", mn, "2061", "ok", [1]), readings);
            }

            store.Commit(batch);
        }

        var output = Path.Combine(_data, "aqi.csv");
        var result = await CliRunner.RunAsync("report", "aqi", "--date", "2026-11-30", "--data", _data, "--output", output);
        Assert.True(result.ExitCode == 0, result.Error);

        // PM2.5 (50 + 70) / 2 = 60 is IAQI 100 under the 2026 rules; the township station does not count for the city.
        var lines = (await File.ReadAllTextAsync(output, Encoding.UTF8, TestContext.Current.CancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("2026-11-30,410100,郑州市,100,100,良,PM2.5,10,40,1.0,100,100,100,60,2", Assert.Single(lines.Skip(1)));
        Assert.Contains("郑州市", result.Text, StringComparison.Ordinal);
        Assert.Contains("良", result.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--date", "2026-13-01")]
    [InlineData("--month", "2026/11")]
    public async Task ABadDateOrMonthIsRefused(string option, string value)
    {
        var result = await CliRunner.RunAsync("report", "aqi", option, value, "--data", _data);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(value, result.Error, StringComparison.Ordinal);
    }
}
