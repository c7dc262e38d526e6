using System.Text.Json;
using Envmon.Cli.Tests.Support;

namespace Envmon.Cli.Tests.Hj212;

public sealed class DecodeCommandTests
{
    [Fact]
    public async Task TheSampleStreamDecodesToTheApprovedJsonLines()
    {
        var result = await CliRunner.RunAsync("hj212", "decode", CliRunner.TestData("sample-frames.hj212"));
        Assert.Equal(0, result.ExitCode);
        var approved = CliRunner.TestData("sample-frames.decode.approved.jsonl");
        if (result.Text != await File.ReadAllTextAsync(approved, TestContext.Current.CancellationToken))
        {
            await File.WriteAllTextAsync(approved.Replace(".approved.", ".received.", StringComparison.Ordinal), result.Text, TestContext.Current.CancellationToken);
            Assert.Fail($"the output differs from {approved}; compare it with the .received. file beside it");
        }
    }

    [Fact]
    public async Task StandardInputIsReadWhenNoFileIsGiven()
    {
        var bytes = await File.ReadAllBytesAsync(CliRunner.TestData("sample-frames.hj212"), TestContext.Current.CancellationToken);
        var fromFile = await CliRunner.RunAsync("hj212", "decode", CliRunner.TestData("sample-frames.hj212"));
        var fromStdin = await CliRunner.RunAsync(bytes, "hj212", "decode");
        Assert.Equal(fromFile.Text, fromStdin.Text);
    }

    [Fact]
    public async Task ThePasswordIsNeverPrinted()
    {
        var result = await CliRunner.RunAsync("hj212", "decode", CliRunner.TestData("sample-frames.hj212"));
        foreach (var line in result.Lines)
        {
            using var json = JsonDocument.Parse(line);
            Assert.False(json.RootElement.TryGetProperty("pw", out _));
            Assert.False(json.RootElement.TryGetProperty("password", out _));
        }

        Assert.DoesNotContain("O447JGPYQ75V3C58D138L2WX", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("PW=", result.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], 45, 10, "{\"length-mismatch\":2,\"crc-mismatch\":8}")]
    [InlineData(new[] { "--lenient-crc" }, 48, 7, "{\"length-mismatch\":2,\"crc-mismatch\":5}")]
    [InlineData(new[] { "--max-length", "1024" }, 44, 14, "{\"no-header\":3,\"length-mismatch\":2,\"too-long\":3,\"crc-mismatch\":6}")]
    public async Task TheSummaryCountsFramesErrorsAndWarnings(string[] options, int frames, int errors, string byCode)
    {
        var result = await CliRunner.RunAsync(["hj212", "decode", "--summary", CliRunner.TestData("sample-frames.hj212"), .. options]);
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(Assert.Single(result.Lines));
        var root = json.RootElement;
        Assert.Equal(frames, root.GetProperty("frames").GetInt32());
        Assert.Equal(errors, root.GetProperty("errorCount").GetInt32());
        Assert.Equal(byCode, root.GetProperty("errors").GetRawText());
        Assert.Equal(new FileInfo(CliRunner.TestData("sample-frames.hj212")).Length, root.GetProperty("bytes").GetInt64());
        Assert.True(root.GetProperty("warnings").GetProperty("lowercase-crc").GetInt32() >= 5);
        Assert.True(root.GetProperty("seconds").GetDouble() >= 0);
    }

    [Fact]
    public async Task TheSummaryAgreesWithTheFullDecode()
    {
        var decoded = (await CliRunner.RunAsync("hj212", "decode", CliRunner.TestData("sample-frames.hj212"))).Lines
            .Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        var summary = JsonDocument.Parse((await CliRunner.RunAsync("hj212", "decode", "--summary", CliRunner.TestData("sample-frames.hj212"))).Text).RootElement;
        Assert.Equal(decoded.Count(d => d.GetProperty("ok").GetBoolean()), summary.GetProperty("frames").GetInt32());
        var warnings = decoded.Where(d => d.GetProperty("ok").GetBoolean())
            .SelectMany(d => d.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!))
            .GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count());
        var summarised = summary.GetProperty("warnings").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.Equal(warnings.OrderBy(p => p.Key), summarised.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task AMissingFileIsAClearErrorWithExitCodeTwo()
    {
        var result = await CliRunner.RunAsync("hj212", "decode", "/nonexistent/frames.hj212");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot read /nonexistent/frames.hj212", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10000")]
    public async Task AnOutOfRangeMaximumIsRefused(string value)
    {
        var result = await CliRunner.RunAsync("hj212", "decode", "--max-length", value);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--max-length must be 1..9999", result.Error, StringComparison.Ordinal);
    }
}
