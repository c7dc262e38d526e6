using Envmon.Cli.Tests.Support;

namespace Envmon.Cli.Tests;

public sealed class HelpTests
{
    [Theory]
    [InlineData]
    [InlineData("hj212")]
    [InlineData("hj212", "decode")]
    [InlineData("hj212", "encode")]
    public async Task EveryCommandExplainsItself(params string[] command)
    {
        var result = await CliRunner.RunAsync([.. command, "--help"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Text, StringComparison.Ordinal);
        var usage = result.Text[(result.Text.IndexOf("Usage:", StringComparison.Ordinal) + 6)..].TrimStart().Split('\n')[0];
        Assert.Contains(string.Join(' ', ["", .. command, ""]), " " + usage.Replace("[<FILE>]", "", StringComparison.Ordinal).Replace("[command]", "", StringComparison.Ordinal) + " ", StringComparison.Ordinal);
        Assert.EndsWith("[options]", usage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownCommandIsAnError()
    {
        var result = await CliRunner.RunAsync("frobnicate");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("frobnicate", result.Error, StringComparison.Ordinal);
    }
}
