using Envmon.Cli.Tests.Support;

namespace Envmon.Cli.Tests;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("90s", 0, 0, 90)]
    [InlineData("15m", 0, 15, 0)]
    [InlineData("26h", 26, 0, 0)]
    [InlineData("1.5h", 1, 30, 0)]
    [InlineData("2d", 48, 0, 0)]
    [InlineData("00:05:00", 0, 5, 0)]
    [InlineData("48:00:00", 48, 0, 0)]
    [InlineData("26:30", 26, 30, 0)]
    [InlineData("1.02:00:00", 26, 0, 0)]
    [InlineData("0s", 0, 0, 0)]
    public void ReadsEveryForm(string text, int hours, int minutes, int seconds)
    {
        Assert.True(Durations.TryParse(text, out var value));
        Assert.Equal(new TimeSpan(hours, minutes, seconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-5m")]
    [InlineData("5")]
    [InlineData("5w")]
    [InlineData("1:60:00")]
    [InlineData("1:5:00")]
    [InlineData("1:00:00:00")]
    [InlineData("h")]
    [InlineData("ten minutes")]
    public void RefusesWhatIsNotADuration(string text) => Assert.False(Durations.TryParse(text, out _));

    [Fact]
    public async Task ABadDurationIsAnErrorThatNamesTheOption()
    {
        var result = await CliRunner.RunAsync("simulate", "--history", "yesterday");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--history: \"yesterday\" is not a duration", result.Error, StringComparison.Ordinal);
    }
}
