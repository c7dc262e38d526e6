using System.Buffers;
using System.Text;
using Envmon.Hj212;
using Envmon.Hj212.Framing;
using Envmon.Hj212.Packets;
using Envmon.Hj212.Segments;
using Envmon.Testing;

namespace Envmon.Fuzz;

/// <summary>
/// The fuzz target for the frame reader and the decoder. Any input must be consumed completely, in results whose
/// offsets follow each other, identically however the bytes are split; every accepted frame is re-checked by slow,
/// obviously-correct code (the bitwise CRC of Appendix A, the length field), and every decoded packet must encode
/// and decode back to itself. A broken invariant throws, which the fuzzer records as a crash.
/// </summary>
public static class FrameFuzzTarget
{
    public static void Check(byte[] input)
    {
        var whole = Read(new ReadOnlySequence<byte>(input));
        var split = Read(SegmentedSequence.Split(input, input.Length == 0 ? 0 : 1 + (input[0] % input.Length)));
        if (!whole.SequenceEqual(split))
        {
            throw new InvalidOperationException("splitting the input changed the results");
        }

        var position = 0L;
        var keys = new Hj212KeyCache();
        foreach (var result in whole)
        {
            Assert(result.Offset == position, "results must follow each other without gaps");
            Assert(result.Length > 0, "every result must consume bytes");
            if (result.Segment is { } segment)
            {
                var at = (int)result.Offset;
                Assert(input.AsSpan(at + 6, segment.Length).SequenceEqual(segment), "the segment must be the bytes after the header");
                var declared = int.Parse(Encoding.ASCII.GetString(input, at + 2, 4), System.Globalization.CultureInfo.InvariantCulture);
                Assert(declared == segment.Length || declared == Encoding.UTF8.GetCharCount(segment), "the length field must count the segment");
                var sent = Convert.ToUInt16(Encoding.ASCII.GetString(input, at + 6 + segment.Length, 4), 16);
                Assert(sent == Hj212Crc.ComputeBitwise(segment), "an accepted frame must carry the Appendix A checksum");
                var alone = Hj212SegmentReader.Validate(segment, out var warningsAlone);
                var cached = Hj212SegmentReader.Validate(segment, keys, out var warningsCached);
                Assert(alone?.Code == cached?.Code && alone?.Offset == cached?.Offset && warningsAlone == warningsCached,
                    "the key cache must not change what a segment reader finds");
                CheckRoundTrip(segment);
            }

            position += result.Length;
        }

        Assert(position == input.Length, "the whole input must be consumed at the end of the stream");
    }

    private static void CheckRoundTrip(byte[] segment)
    {
        var decoded = new Hj212Decoder().Decode(segment);
        if (!decoded.Success || Hj212Encoder.Validate(decoded.Packet) is not null)
        {
            return;
        }

        var again = new Hj212Decoder().Decode(Hj212Encoder.EncodeSegment(decoded.Packet));
        Assert(again.Success, "an encoded packet must decode");
        var a = decoded.Packet;
        var b = again.Packet!;
        Assert(a.Qn == b.Qn && a.St == b.St && a.Cn == b.Cn && a.Mn == b.Mn && a.Password == b.Password && a.Flag == b.Flag
            && a.PacketCount == b.PacketCount && a.PacketNumber == b.PacketNumber, "the header must survive encode and decode");
        Assert(a.Fields.SequenceEqual(b.Fields), "the CP fields must survive encode and decode");
    }

    private static List<FuzzResult> Read(ReadOnlySequence<byte> buffer)
    {
        var reader = new Hj212FrameReader();
        var results = new List<FuzzResult>();
        while (reader.TryRead(ref buffer, isFinalBlock: true, out var frame))
        {
            results.Add(new FuzzResult(frame.Offset, frame.Length, frame.IsFrame ? frame.Segment.ToArray() : null,
                frame.Error?.Code, frame.Warnings));
        }

        Assert(buffer.IsEmpty, "a final block must be consumed completely");
        return results;
    }

    private static void Assert(bool condition, string invariant)
    {
        if (!condition)
        {
            throw new InvalidOperationException(invariant);
        }
    }

    private sealed record FuzzResult(long Offset, int Length, byte[]? Segment, Hj212ErrorCode? Error, Hj212Warnings Warnings)
    {
        public bool Equals(FuzzResult? other) => other is not null && Offset == other.Offset && Length == other.Length
            && Error == other.Error && Warnings == other.Warnings
            && (Segment is null ? other.Segment is null : other.Segment is not null && Segment.AsSpan().SequenceEqual(other.Segment));

        public override int GetHashCode() => HashCode.Combine(Offset, Length, Error, Warnings);
    }
}
