using System.Text;
using System.Text.Json;
using Envmon.Cli.Tests.Support;

namespace Envmon.Cli.Tests.Hj212;

public sealed class EncodeCommandTests
{
    [Fact]
    public async Task DecodedFramesEncodeBackToFramesThatDecodeTheSame()
    {
        var decoded = (await CliRunner.RunAsync("hj212", "decode", CliRunner.TestData("sample-frames.hj212"))).Lines
            .Where(l => l.StartsWith("{\"ok\":true", StringComparison.Ordinal)).ToArray();
        var encoded = await CliRunner.RunAsync(Encoding.UTF8.GetBytes(string.Join('\n', decoded)), "hj212", "encode");
        Assert.Equal(0, encoded.ExitCode);
        var again = (await CliRunner.RunAsync(encoded.Output, "hj212", "decode")).Lines;
        Assert.Equal(decoded.Length, again.Length);
        for (var i = 0; i < decoded.Length; i++)
        {
            Assert.Equal(Comparable(decoded[i]), Comparable(again[i]));
        }
    }

    [Fact]
    public async Task TheStandardsExampleIsReproducedByteForByte()
    {
        const string json = """{"qn":"20160801085857223","st":"32","cn":"1062","pw":"100000","mn":"010000A8900016F000169DC0","flag":5,"cp":[{"RtdInterval":"30"}]}""";
        var result = await CliRunner.RunAsync(Encoding.UTF8.GetBytes(json), "hj212", "encode");
        Assert.Equal("##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80\r\n", result.Text);
    }

    [Fact]
    public async Task ALongPacketIsSplitOnRequest()
    {
        var groups = string.Join(',', Enumerable.Range(0, 40).Select(i => $"{{\"a{21000 + i}-Avg\":\"{i}.5\",\"a{21000 + i}-Flag\":\"N\"}}"));
        var json = $$"""{"qn":"20260101000000000","st":"22","cn":"2051","pw":"123456","mn":"M1","flag":5,"cp":[{"DataTime":"20260101000000"},{{groups}}]}""";
        var result = await CliRunner.RunAsync(Encoding.UTF8.GetBytes(json), "hj212", "encode", "--split", "400");
        var parts = (await CliRunner.RunAsync(result.Output, "hj212", "decode")).Lines.Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.True(parts.Length > 1);
        Assert.All(parts, p => Assert.Equal((7, parts.Length), (p.GetProperty("flag").GetInt32(), p.GetProperty("pnum").GetInt32())));
        Assert.Equal(Enumerable.Range(1, parts.Length), parts.Select(p => p.GetProperty("pno").GetInt32()));
        Assert.All(parts, p => Assert.Equal("20260101000000", p.GetProperty("cp")[0].GetProperty("DataTime").GetString()));
    }

    [Theory]
    [InlineData("not json", "line 1: not JSON")]
    [InlineData("{\"cn\":\"2011\",\"mn\":\"M1\"}", "line 1: \"st\", \"cn\" and \"mn\" are required strings")]
    [InlineData("{\"st\":\"22\",\"cn\":\"2011\",\"mn\":\"M1\",\"cp\":[{\"a21026-Rtd\":\"1;2\"}]}", "line 1: value of a21026-Rtd must be")]
    [InlineData("{\"st\":\"22\",\"cn\":\"2011\",\"mn\":\"M1\",\"flag\":\"5\"}", "line 1: \"flag\", \"pnum\" and \"pno\" must be integers or null")]
    public async Task BadLinesAreReportedAndTheOthersStillEncoded(string line, string message)
    {
        const string good = """{"st":"22","cn":"2011","mn":"M1","cp":[]}""";
        var result = await CliRunner.RunAsync(Encoding.UTF8.GetBytes(line + "\n" + good), "hj212", "encode");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Equal("##0027ST=22;CN=2011;MN=M1;CP=&&&&12C0\r\n", result.Text);
    }

    // The fields that survive a round trip: everything but the offsets and the warnings about how the original was sent.
    private static string Comparable(string line)
    {
        var json = JsonDocument.Parse(line).RootElement;
        return string.Join('|', json.EnumerateObject().Where(p => p.Name is not ("offset" or "warnings")).Select(p => p.Name + "=" + p.Value.GetRawText()));
    }
}
