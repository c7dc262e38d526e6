using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Envmon.Hj212.Framing;

/// <summary>
/// The checksum of HJ 212-2017 Appendix A, and the CRC-16/MODBUS variant that some data loggers send instead.
/// </summary>
/// <remarks>
/// The HJ 212 algorithm replaces the register with <c>(reg &gt;&gt; 8) ^ b</c> before the eight shift rounds, so it
/// discards the low byte at every step: the step is exactly <c>reg = T[(reg &gt;&gt; 8) ^ b]</c> with T the
/// CRC-16/ARC byte table, and only the 8-bit state h = reg &gt;&gt; 8 carries from one byte to the next:
/// h' = H(h ^ b) with H(x) = T[x] &gt;&gt; 8. H is linear over GF(2), so byte k of an n-byte body contributes
/// H^(n-k+1)(b_k) independently of the others. That allows two fast forms, both checked against the bitwise
/// reference: eight bytes per dependent lookup with the tables H^1..H^8 (scalar), and sixteen lanes that each
/// accumulate every sixteenth byte with H^16 applied by two nibble shuffles (vector), combined at the end with
/// H^16..H^1. The CRC is then T[h ^ last byte].
/// </remarks>
public static class Hj212Crc
{
    private const int Lanes = 16;
    private const int WideLanes = 32;

    // CRC-16/ARC (reflected polynomial 0xA001) byte table: T[0..7] = 0000 C0C1 C181 0140 C301 03C0 0280 C241.
    private static readonly ushort[] ArcTable = BuildArcTable();

    // Powers[(p - 1) * 256 + x] = H^p(x) for p = 1..16.
    private static readonly byte[] Powers = BuildPowers();

    // H^16 of a low nibble and of a high nibble: H^16(x) = Low[x & 15] ^ High[x >> 4], because H^16 is linear.
    private static readonly Vector128<byte> LowNibbles = Vector128.Create(Nibbles(0, 1));
    private static readonly Vector128<byte> HighNibbles = Vector128.Create(Nibbles(4, 1));

    // H^32 = H^16 applied twice, both 128-bit halves alike.
    private static readonly Vector256<byte> WideLowNibbles = Vector256.Create(Vector128.Create(Nibbles(0, 2)));
    private static readonly Vector256<byte> WideHighNibbles = Vector256.Create(Vector128.Create(Nibbles(4, 2)));

    /// <summary>The HJ 212 checksum of <paramref name="segment"/> (the data segment), FFFF when it is empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ushort Compute(ReadOnlySpan<byte> segment)
    {
        if (segment.IsEmpty)
        {
            return 0xFFFF;
        }

        var body = segment[..^1];
        var state = Vector128.IsHardwareAccelerated && body.Length >= 2 * Lanes ? FoldVector(body) : FoldScalar(0xFF, body);
        return ArcTable[state ^ segment[^1]];
    }

    /// <summary>The same as <see cref="Compute"/> without vector instructions (the fallback, kept testable).</summary>
    internal static ushort ComputeScalar(ReadOnlySpan<byte> segment)
        => segment.IsEmpty ? (ushort)0xFFFF : ArcTable[FoldScalar(0xFF, segment[..^1]) ^ segment[^1]];

    private static int FoldVector(ReadOnlySpan<byte> body)
    {
        ref var start = ref MemoryMarshal.GetReference(body);
        var mask = Vector128.Create((byte)0x0F);
        Vector128<byte> lanes;
        int done;
        if (Vector256.IsHardwareAccelerated && body.Length >= 2 * WideLanes)
        {
            lanes = FoldWide(body, out done);
        }
        else
        {
            // The initial state FF enters with the first byte: h1 = H(FF ^ b1).
            lanes = Vector128.LoadUnsafe(ref start) ^ Vector128.CreateScalar((byte)0xFF);
            done = Lanes;
        }

        for (; done + Lanes <= body.Length; done += Lanes)
        {
            lanes = Power16(lanes, mask) ^ Vector128.LoadUnsafe(ref start, (nuint)done);
        }

        // Lane i holds bytes whose remaining distance to the end of the blocks is 16 - i.
        Span<byte> values = stackalloc byte[Lanes];
        lanes.CopyTo(values);
        ref var powers = ref MemoryArrayStart();
        var state = 0;
        for (var i = 0; i < Lanes; i++)
        {
            state ^= Unsafe.Add(ref powers, ((Lanes - i - 1) << 8) | values[i]);
        }

        return FoldScalar(state, body[done..]);
    }

    // The whole 32-byte blocks of body in 32 lanes (H^32 per step: half as many dependent steps as 16 lanes), then
    // the low 16 lanes moved on by H^16 onto the high ones: what the 16-lane loop holds after the same bytes.
    private static Vector128<byte> FoldWide(ReadOnlySpan<byte> body, out int done)
    {
        ref var start = ref MemoryMarshal.GetReference(body);
        var mask = Vector256.Create((byte)0x0F);
        var blocks = body.Length / WideLanes;
        var lanes = Vector256.LoadUnsafe(ref start) ^ Vector256.CreateScalar((byte)0xFF);
        for (var block = 1; block < blocks; block++)
        {
            // The nibble tables are the same in both 128-bit halves, so an in-lane shuffle is right.
            var shifted = Vector256.ShuffleNative(WideLowNibbles, lanes & mask)
                ^ Vector256.ShuffleNative(WideHighNibbles, Vector256.ShiftRightLogical(lanes.AsUInt16(), 4).AsByte() & mask);
            lanes = shifted ^ Vector256.LoadUnsafe(ref start, (nuint)(block * WideLanes));
        }

        done = blocks * WideLanes;
        return Power16(lanes.GetLower(), Vector128.Create((byte)0x0F)) ^ lanes.GetUpper();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Power16(Vector128<byte> lanes, Vector128<byte> mask)
        => Vector128.ShuffleNative(LowNibbles, lanes & mask)
            ^ Vector128.ShuffleNative(HighNibbles, Vector128.ShiftRightLogical(lanes.AsUInt16(), 4).AsByte() & mask);

    private static int FoldScalar(int state, ReadOnlySpan<byte> bytes)
    {
        ref var powers = ref MemoryArrayStart();
        var i = 0;
        for (; i + 8 <= bytes.Length; i += 8)
        {
            var word = BinaryPrimitives.ReadUInt64LittleEndian(bytes.Slice(i, 8));
            state = Unsafe.Add(ref powers, (7 << 8) | (state ^ (int)(word & 0xFF)))
                ^ Unsafe.Add(ref powers, (6 << 8) | (int)((word >> 8) & 0xFF))
                ^ Unsafe.Add(ref powers, (5 << 8) | (int)((word >> 16) & 0xFF))
                ^ Unsafe.Add(ref powers, (4 << 8) | (int)((word >> 24) & 0xFF))
                ^ Unsafe.Add(ref powers, (3 << 8) | (int)((word >> 32) & 0xFF))
                ^ Unsafe.Add(ref powers, (2 << 8) | (int)((word >> 40) & 0xFF))
                ^ Unsafe.Add(ref powers, (1 << 8) | (int)((word >> 48) & 0xFF))
                ^ Unsafe.Add(ref powers, (int)(word >> 56));
        }

        for (; i < bytes.Length; i++)
        {
            state = Unsafe.Add(ref powers, state ^ bytes[i]);
        }

        return state;
    }

    // Indices are always below 16 * 256 = Powers.Length: a power row (0..15) shifted by 8, or'ed with a byte.
    private static ref byte MemoryArrayStart() => ref MemoryMarshal.GetArrayDataReference(Powers);
    /// <summary>
    /// The Appendix A algorithm exactly as the standard prints it, one bit at a time. Kept as the reference the fast
    /// form is tested and benchmarked against.
    /// </summary>
    public static ushort ComputeBitwise(ReadOnlySpan<byte> segment)
    {
        var register = 0xFFFF;
        foreach (var b in segment)
        {
            register = (register >> 8) ^ b;
            for (var bit = 0; bit < 8; bit++)
            {
                var carry = register & 1;
                register >>= 1;
                if (carry != 0)
                {
                    register ^= 0xA001;
                }
            }
        }

        return (ushort)register;
    }

    /// <summary>CRC-16/MODBUS of <paramref name="segment"/> (init FFFF, reflected 0xA001, no final XOR).</summary>
    public static ushort ComputeModbus(ReadOnlySpan<byte> segment)
    {
        var register = 0xFFFF;
        foreach (var b in segment)
        {
            register = (register >> 8) ^ ArcTable[(register ^ b) & 0xFF];
        }

        return (ushort)register;
    }

    /// <summary>
    /// The value a logger that prints CRC-16/MODBUS low byte first puts in the four hex digits, read as if it were
    /// printed high byte first (the way the standard's checksum is read).
    /// </summary>
    public static ushort ComputeModbusAsPrinted(ReadOnlySpan<byte> segment)
        => BinaryPrimitives.ReverseEndianness(ComputeModbus(segment));

    private static ushort[] BuildArcTable()
    {
        var table = new ushort[256];
        for (var i = 0; i < table.Length; i++)
        {
            var value = i;
            for (var bit = 0; bit < 8; bit++)
            {
                value = (value & 1) != 0 ? (value >> 1) ^ 0xA001 : value >> 1;
            }

            table[i] = (ushort)value;
        }

        return table;
    }

    private static byte[] BuildPowers()
    {
        var powers = new byte[Lanes * 256];
        for (var x = 0; x < 256; x++)
        {
            var value = x;
            for (var p = 0; p < Lanes; p++)
            {
                value = ArcTable[value] >> 8;
                powers[(p << 8) | x] = (byte)value;
            }
        }

        return powers;
    }

    // (H^16)^times of each nibble, in the low (shift 0) or high (shift 4) half of a byte.
    private static byte[] Nibbles(int shift, int times)
    {
        var table = new byte[16];
        for (var nibble = 0; nibble < 16; nibble++)
        {
            var value = nibble << shift;
            for (var t = 0; t < times; t++)
            {
                value = Powers[((Lanes - 1) << 8) | value];
            }

            table[nibble] = (byte)value;
        }

        return table;
    }
}
