using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Envmon.Hj212.Segments;

/// <summary>
/// Finds the next structural byte of a segment (<c>=</c>, <c>;</c>, <c>,</c> or <c>-</c>) 64 bytes at a time: the
/// bytes of a chunk are compared in vectors once, into a bit mask, and the reader then hops from bit to bit instead
/// of looking at every byte (the scanning approach of simdjson, on a small scale). Reading moves forward only, so each
/// chunk's mask is built once.
/// </summary>
internal ref struct StructuralIndex
{
    private const int ChunkSize = 64;

    private readonly ReadOnlySpan<byte> _segment;
    private ulong _mask;
    private int _chunk;

    public StructuralIndex(ReadOnlySpan<byte> segment)
    {
        _segment = segment;
        _chunk = -ChunkSize;
    }

    /// <summary>The position of the first structural byte in [<paramref name="from"/>, <paramref name="limit"/>), or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Next(int from, int limit)
    {
        while (from < limit)
        {
            var chunk = from & ~(ChunkSize - 1);
            if (chunk != _chunk)
            {
                Load(chunk);
            }

            var bits = _mask & (ulong.MaxValue << (from & (ChunkSize - 1)));
            if (bits != 0)
            {
                var position = chunk + BitOperations.TrailingZeroCount(bits);
                return position < limit ? position : -1;
            }

            from = chunk + ChunkSize;
        }

        return -1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Load(int chunk)
    {
        _mask = Mask(_segment, chunk);
        _chunk = chunk;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ulong Mask(ReadOnlySpan<byte> segment, int start)
    {
        var chunk = segment[start..];
        if (chunk.Length < ChunkSize)
        {
            // The last, partial chunk: pad it with zeros, which are not structural.
            Span<byte> padded = stackalloc byte[ChunkSize];
            padded.Clear();
            chunk.CopyTo(padded);
            return Vector128.IsHardwareAccelerated ? VectorMask(padded) : ScalarMask(padded);
        }

        return Vector128.IsHardwareAccelerated ? VectorMask(chunk) : ScalarMask(chunk[..ChunkSize]);
    }

    private static ulong VectorMask(ReadOnlySpan<byte> chunk)
    {
        ref var start = ref MemoryMarshal.GetReference(chunk);
        ulong mask = 0;
        for (var i = 0; i < ChunkSize; i += Vector128<byte>.Count)
        {
            var bytes = Vector128.LoadUnsafe(ref start, (nuint)i);
            var hits = Vector128.Equals(bytes, Vector128.Create((byte)'='))
                | Vector128.Equals(bytes, Vector128.Create((byte)';'))
                | Vector128.Equals(bytes, Vector128.Create((byte)','))
                | Vector128.Equals(bytes, Vector128.Create((byte)'-'));
            mask |= (ulong)hits.ExtractMostSignificantBits() << i;
        }

        return mask;
    }

    private static ulong ScalarMask(ReadOnlySpan<byte> chunk)
    {
        ulong mask = 0;
        for (var i = 0; i < chunk.Length; i++)
        {
            if (chunk[i] is (byte)'=' or (byte)';' or (byte)',' or (byte)'-')
            {
                mask |= 1UL << i;
            }
        }

        return mask;
    }
}
