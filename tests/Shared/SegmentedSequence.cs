using System.Buffers;

namespace Envmon.Testing;

/// <summary>
/// Builds a <see cref="ReadOnlySequence{T}"/> of several segments from one array, as a pipe hands out bytes that
/// arrived in pieces. Shared as source by the tests, the fuzz target and the benchmarks.
/// </summary>
internal static class SegmentedSequence
{
    /// <summary>The bytes of <paramref name="bytes"/> cut at each of <paramref name="cuts"/> (out-of-range cuts ignored).</summary>
    public static ReadOnlySequence<byte> Split(byte[] bytes, params int[] cuts)
    {
        var bounds = cuts.Where(c => c > 0 && c < bytes.Length).Distinct().Order().Append(bytes.Length).ToArray();
        var start = 0;
        Segment? first = null, last = null;
        foreach (var end in bounds)
        {
            var memory = bytes.AsMemory(start, end - start);
            last = last is null ? first = new Segment(memory, 0) : last.Append(memory);
            start = end;
        }

        return first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }

    /// <summary>The bytes of <paramref name="bytes"/> in segments of <paramref name="size"/> bytes.</summary>
    public static ReadOnlySequence<byte> InPiecesOf(byte[] bytes, int size)
        => Split(bytes, [.. Enumerable.Range(1, Math.Max(0, (bytes.Length - 1) / size)).Select(i => i * size)]);

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
