using System.Buffers;
using System.Text;
using Envmon.Hj212.Framing;
using Envmon.Hj212.Tests.Support;
using Envmon.Testing;

namespace Envmon.Hj212.Tests.Framing;

/// <summary>Stream behaviour: prefixes, splits across segments, glued frames, garbage, limits.</summary>
public sealed class Hj212FrameReaderStreamTests
{
    private static readonly byte[] AllFrames = SampleFrame.All.SelectMany(f => f.Bytes).ToArray();

    public static TheoryData<int> ValidIds => [.. Hj212FrameReaderGoldenTests.Outcomes
        .Where(o => !o.Value.StartsWith("error", StringComparison.Ordinal)).Select(o => o.Key)];

    [Theory]
    [MemberData(nameof(ValidIds))]
    public void EveryPrefixOfAValidFrameNeedsMoreData(int id)
    {
        var bytes = SampleFrame.ById(id).Bytes;
        for (var length = 0; length < bytes.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(bytes, 0, length);
            var reader = new Hj212FrameReader();
            Assert.False(reader.TryRead(ref buffer, isFinalBlock: false, out _), $"prefix of {length} bytes");
            Assert.Equal(length, buffer.Length);
        }
    }

    [Theory]
    [MemberData(nameof(SampleFrame.Ids), MemberType = typeof(SampleFrame))]
    public void EverySplitOfAFrameAcrossSegmentsReadsTheSame(int id)
    {
        var bytes = SampleFrame.ById(id).Bytes;
        var expected = FrameResult.ReadAll(new ReadOnlySequence<byte>(bytes));
        for (var cut = 1; cut < bytes.Length; cut++)
        {
            Assert.Equal(expected, FrameResult.ReadAll(SegmentedSequence.Split(bytes, cut)));
        }
    }

    [Fact]
    public void EverySplitOfAllFramesGluedTogetherReadsTheSame()
    {
        var expected = FrameResult.ReadAll(new ReadOnlySequence<byte>(AllFrames));
        Assert.Equal(SampleFrame.All.Count, expected.Count);
        for (var cut = 1; cut < AllFrames.Length; cut++)
        {
            Assert.Equal(expected, FrameResult.ReadAll(SegmentedSequence.Split(AllFrames, cut, cut + 7, cut + 300)));
        }
    }

    [Fact]
    public void FramesArrivingByteByByteAreReadAsTheyComplete()
    {
        var expected = FrameResult.ReadAll(new ReadOnlySequence<byte>(AllFrames));
        var reader = new Hj212FrameReader();
        var results = new List<FrameResult>();
        var pending = new List<byte>();
        foreach (var b in AllFrames)
        {
            pending.Add(b);
            var buffer = new ReadOnlySequence<byte>(pending.ToArray());
            while (reader.TryRead(ref buffer, false, out var frame))
            {
                results.Add(FrameResult.From(frame));
            }

            pending = [.. buffer.ToArray()];
        }

        var rest = new ReadOnlySequence<byte>(pending.ToArray());
        while (reader.TryRead(ref rest, true, out var frame))
        {
            results.Add(FrameResult.From(frame));
        }

        Assert.Equal(expected, results);
    }

    [Fact]
    public void GarbageBetweenFramesIsSkippedAndReported()
    {
        var frame = SampleFrame.ById(1).Bytes;
        var bytes = Concat("noise\r\n"u8.ToArray(), frame, "#x#"u8.ToArray(), frame);
        var results = FrameResult.ReadAll(new ReadOnlySequence<byte>(bytes));
        Assert.Collection(results,
            r => Assert.Equal((Hj212ErrorCode.NoHeader, 0L, 7), (r.Error!.Value, r.Offset, r.Length)),
            r => Assert.Equal((null, 7L), (r.Error, r.Offset)),
            r => Assert.Equal((Hj212ErrorCode.NoHeader, 7L + frame.Length, 3), (r.Error!.Value, r.Offset, r.Length)),
            r => Assert.Equal((null, 10L + frame.Length), (r.Error, r.Offset)));
    }

    [Fact]
    public void GarbageWithoutHeaderIsHeldNoLongerThanTheScanWindow()
    {
        var reader = new Hj212FrameReader(new Hj212FrameReaderOptions { ScanWindow = 64 });
        var garbage = new ReadOnlySequence<byte>(Enumerable.Repeat((byte)'x', 63).ToArray());
        Assert.False(reader.TryRead(ref garbage, false, out _));
        var more = new ReadOnlySequence<byte>(Enumerable.Repeat((byte)'x', 64).Append((byte)'#').ToArray());
        Assert.True(reader.TryRead(ref more, false, out var frame));
        Assert.Equal(Hj212ErrorCode.NoHeader, frame.Error!.Code);
        Assert.Equal(1, more.Length);
    }

    [Fact]
    public void AFrameFollowedDirectlyByTheNextIsReadWithAWarning()
    {
        var first = SampleFrame.ById(1).Bytes[..^2];
        var results = FrameResult.ReadAll(new ReadOnlySequence<byte>(Concat(first, SampleFrame.ById(3).Bytes)));
        Assert.Equal(2, results.Count);
        Assert.Equal(Hj212Warnings.MissingTerminator, results[0].Warnings);
        Assert.Null(results[1].Error);
    }

    [Fact]
    public void AFrameWithoutTerminatorWaitsUntilTheCallerFlushes()
    {
        var bytes = SampleFrame.ById(1).Bytes[..^2];
        var buffer = new ReadOnlySequence<byte>(bytes);
        var reader = new Hj212FrameReader();
        Assert.False(reader.TryRead(ref buffer, false, out _));
        Assert.True(reader.TryRead(ref buffer, true, out var frame));
        Assert.True(frame.IsFrame);
        Assert.Equal(Hj212Warnings.MissingTerminator, frame.Warnings);
    }

    [Theory]
    [InlineData("##01x1QN=1&&1C80\r\n", Hj212ErrorCode.BadLengthField, 2)]
    [InlineData("##0101QN=2016", Hj212ErrorCode.Truncated, 0)]
    [InlineData("##01", Hj212ErrorCode.Truncated, 0)]
    [InlineData("##0007ST=32&&ZZZZ\r\n", Hj212ErrorCode.BadCrcField, 13)]
    [InlineData("##0009ST=32;CP=&&&&ABCD\r\n", Hj212ErrorCode.LengthMismatch, 2)]
    public void MalformedFramingIsReportedWithItsCodeAndOffset(string text, Hj212ErrorCode code, long offset)
    {
        var results = FrameResult.ReadAll(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text)));
        Assert.Equal(code, results[0].Error);
        Assert.Equal(offset, results[0].ErrorOffset);
        Assert.Equal(text.Length, results.Sum(r => r.Length));
    }

    [Fact]
    public void ASegmentOverTheMaximumIsRejectedAndTheNextFrameIsStillRead()
    {
        var big = SampleFrame.ById(47).Bytes;
        var results = FrameResult.ReadAll(new ReadOnlySequence<byte>(Concat(big, SampleFrame.ById(1).Bytes)),
            new Hj212FrameReaderOptions { MaxSegmentLength = 1024 });
        Assert.Equal(Hj212ErrorCode.TooLong, results[0].Error);
        Assert.Equal(Hj212ErrorCode.NoHeader, results[1].Error);
        Assert.Null(results[2].Error);
        Assert.Equal(big.Length, results[2].Offset);
    }

    [Fact]
    public void ALengthCountedInCharactersIsAcceptedAndNamed()
    {
        const string segment = "QN=20160801085857223;ST=32;CN=3020;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&DataTime=20100301145000;PolId=w01018;i11001-Info=//清洗管路//&&";
        var bytes = Encoding.UTF8.GetBytes($"##{segment.Length:D4}{segment}9741\r\n");
        var results = FrameResult.ReadAll(new ReadOnlySequence<byte>(bytes));
        var frame = Assert.Single(results);
        Assert.Equal(Hj212Warnings.LengthCountsCharacters, frame.Warnings);
        Assert.Equal(segment, frame.Segment);
    }

    [Fact]
    public void ACorruptedByteIsAlwaysDetected()
    {
        var bytes = SampleFrame.ById(23).Bytes;
        for (var i = 6; i < bytes.Length - 6; i++)
        {
            var copy = (byte[])bytes.Clone();
            copy[i] = (byte)(copy[i] == (byte)'7' ? '8' : '7');
            var first = FrameResult.ReadAll(new ReadOnlySequence<byte>(copy))[0];
            Assert.NotNull(first.Error);
        }
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
