using System.Buffers;
using Envmon.Hj212.Framing;
using Envmon.Hj212.Packets;
using Envmon.Hj212.Tests.Support;

namespace Envmon.Hj212.Tests.Framing;

/// <summary>Every sample frame alone as a stream: the error or the warnings it must give (docs/hj212.md, "Golden frames").</summary>
public sealed class Hj212FrameReaderGoldenTests
{
    public static readonly IReadOnlyDictionary<int, string> Outcomes = new Dictionary<int, string>
    {
        { 1, "" }, { 2, "" }, { 3, "" }, { 4, "" }, { 5, "" }, { 6, "" }, { 7, "" }, { 8, "" }, { 9, "" }, { 10, "" },
        { 11, "" }, { 12, "" }, { 13, "" },
        { 14, "missing-separator" },
        { 15, "comma-separator" },
        { 16, "error:crc-mismatch" },
        { 17, "lowercase-crc" },
        { 18, "long-time" },
        { 19, "lowercase-crc" },
        { 20, "error:crc-mismatch" },
        { 21, "error:crc-mismatch" },
        { 22, "error:crc-mismatch" },
        { 23, "" }, { 24, "" },
        { 25, "lowercase-crc" },
        { 26, "lowercase-crc long-time unknown-code" },
        { 27, "" }, { 28, "" }, { 29, "" },
        { 30, "unknown-st unknown-code" },
        { 31, "" },
        { 32, "error:crc-mismatch" },
        { 33, "error:crc-mismatch" },
        { 34, "error:crc-mismatch" },
        { 35, "trailing-spaces unknown-code" },
        { 36, "error:truncated" },
        { 37, "" }, { 38, "" }, { 39, "" }, { 40, "" },
        { 41, "lowercase-crc empty-item split-without-pnum unknown-suffix" },
        { 42, "" },
        { 43, "key-case" },
        { 44, "lf-terminator" },
        { 45, "lf-terminator" },
        { 46, "unknown-code" },
        { 47, "oversize-segment" },
        { 48, "" }, { 49, "" }, { 50, "" },
        { 51, "error:crc-mismatch" },
        { 52, "" },
        { 53, "error:length-mismatch" },
        { 54, "" },
        { 55, "comma-separator empty-item key-case" },
    };

    public static TheoryData<int, string> Expected => [.. Outcomes.Select(o => (o.Key, o.Value))];

    [Theory]
    [MemberData(nameof(Expected))]
    public void EachSampleFrameDecodesOrFailsAsDocumented(int id, string expected)
    {
        var frame = SampleFrame.ById(id);
        Assert.Equal(expected, Describe(frame.Bytes, Hj212FrameReaderOptions.Default));
    }

    [Theory]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(34)]
    public void ModbusFramesDecodeWhenTheStationIsSetToAcceptThem(int id)
    {
        var outcome = Describe(SampleFrame.ById(id).Bytes, new Hj212FrameReaderOptions { CrcMode = Hj212CrcMode.AcceptModbus });
        Assert.Contains("modbus-crc", outcome, StringComparison.Ordinal);
        Assert.DoesNotContain("error", outcome, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SampleFrame.Ids), MemberType = typeof(SampleFrame))]
    public void DecodedHeadersMatchTheMetadataOfTheSample(int id)
    {
        var sample = SampleFrame.ById(id);
        var buffer = new ReadOnlySequence<byte>(sample.Bytes);
        var reader = new Hj212FrameReader(new Hj212FrameReaderOptions { CrcMode = Hj212CrcMode.Off });
        Assert.True(reader.TryRead(ref buffer, true, out var frame));
        if (!frame.IsFrame)
        {
            Assert.True(id is 36 or 53, $"only the length-broken samples fail with CRC checks off, not {id}");
            return;
        }

        var result = new Hj212Decoder().Decode(frame);
        Assert.True(result.Success, result.Error?.ToString());
        var packet = result.Packet;
        Assert.Equal(sample.St, packet.St);
        Assert.Equal(sample.Cn, packet.Cn);
        // Frame 55 sends "FLAG=0", which we read with the key-case warning; the sample's metadata does not see it.
        Assert.Equal(id == 55 ? 0 : Parse(sample.Flag), packet.Flag);
        Assert.Equal(Parse(sample.Pnum), packet.PacketCount);
        Assert.Equal(Parse(sample.Pno), packet.PacketNumber);
    }

    private static int? Parse(string? text) => text is null ? null : int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static string Describe(byte[] bytes, Hj212FrameReaderOptions options)
    {
        var buffer = new ReadOnlySequence<byte>(bytes);
        var reader = new Hj212FrameReader(options);
        Assert.True(reader.TryRead(ref buffer, true, out var frame));
        var result = new Hj212Decoder().Decode(frame);
        Assert.False(reader.TryRead(ref buffer, true, out _));
        return result.Success
            ? string.Join(' ', result.Packet.Warnings.Names())
            : "error:" + result.Error.Code.Name();
    }
}
