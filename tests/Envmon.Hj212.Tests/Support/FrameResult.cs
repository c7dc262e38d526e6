using System.Buffers;
using System.Text;
using Envmon.Hj212.Framing;

namespace Envmon.Hj212.Tests.Support;

/// <summary>A frame reader result copied out of the reader's buffer, for comparing runs.</summary>
public sealed record FrameResult(long Offset, int Length, string? Segment, Hj212ErrorCode? Error, long? ErrorOffset, Hj212Warnings Warnings)
{
    /// <summary>Reads everything, as a pipe loop would: results are taken while available, then the stream ends.</summary>
    public static List<FrameResult> ReadAll(ReadOnlySequence<byte> buffer, Hj212FrameReaderOptions? options = null)
    {
        var reader = new Hj212FrameReader(options);
        var results = new List<FrameResult>();
        while (reader.TryRead(ref buffer, isFinalBlock: true, out var frame))
        {
            results.Add(From(frame));
        }

        return results;
    }

    public static FrameResult From(in Hj212Frame frame) => new(frame.Offset, frame.Length,
        frame.IsFrame ? Encoding.UTF8.GetString(frame.Segment) : null, frame.Error?.Code, frame.Error?.Offset, frame.Warnings);
}
