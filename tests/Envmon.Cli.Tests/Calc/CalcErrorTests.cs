using System.Text.Json;
using Envmon.Cli.Tests.Support;

namespace Envmon.Cli.Tests.Calc;

/// <summary>Bad input to <c>envmon calc</c>: exit code 2 and one JSON line on standard error naming what is wrong; nothing on standard output.</summary>
public sealed class CalcErrorTests
{
    [Theory]
    [InlineData("nope", "{}", "unknown command")]
    [InlineData("aqi-hourly", "{\"PM2.5\": 35", "malformed JSON")]
    [InlineData("aqi-hourly", "[1, 2]", "not a JSON object")]
    [InlineData("aqi-hourly", "{\"PM2.5\": \"high\"}", "\"PM2.5\" is not a number")]
    [InlineData("aqi-hourly", "{\"PM2.5\": -1}", "\"PM2.5\" is negative")]
    [InlineData("aqi-hourly", "{\"version\": \"2020\", \"PM2.5\": 1}", "\"version\"")]
    [InlineData("iaqi", "{\"pollutant\": \"PM1\", \"period\": \"24h\", \"concentration\": 1}", "\"pollutant\" PM1")]
    [InlineData("noise", "{\"zone\": \"5\", \"hourly_leq\": []}", "\"zone\" \"5\"")]
    [InlineData("water-class", "{\"items\": {\"foo\": 1}}", "\"items.foo\"")]
    [InlineData("o3-8h", "{\"hourly\": [1, 2]}", "\"hourly\" must have 24 values")]
    [InlineData("aqi-daily", "{\"version\": \"2012\"}", "\"daily\" or \"hourly\" is required")]
    public async Task BadInputIsRefusedWithTheKeyNamed(string command, string json, string message)
    {
        var result = await CliRunner.RunAsync("calc", command, json);
        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Output);
        var error = JsonDocument.Parse(result.Error).RootElement.GetProperty("error").GetString();
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheInputMayComeOnStandardInput()
    {
        var result = await CliRunner.RunAsync("{\"aqi\": 301}"u8.ToArray(), "calc", "category");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("严重污染", JsonDocument.Parse(result.Text).RootElement.GetProperty("category").GetString());
    }
}
