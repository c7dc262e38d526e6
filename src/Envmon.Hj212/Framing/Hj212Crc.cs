using System.Buffers.Binary;

namespace Envmon.Hj212.Framing;

/// <summary>
/// The checksum of HJ 212-2017 Appendix A, and the CRC-16/MODBUS variant that some data loggers send instead.
/// </summary>
/// <remarks>
/// The HJ 212 algorithm replaces the register with <c>(reg &gt;&gt; 8) ^ b</c> before the eight shift rounds, so it
/// discards the low byte at every step: the step is exactly <c>reg = T[(reg &gt;&gt; 8) ^ b]</c> with T the
/// CRC-16/ARC byte table, and only 8 bits of state survive from one byte to the next. Because the map
/// H(x) = T[x] &gt;&gt; 8 is linear over GF(2), eight bytes fold into one dependent lookup:
/// h' = H⁸(h ^ b₁) ^ H⁷(b₂) ^ … ^ H¹(b₈), which is what <see cref="Compute"/> does (slicing by eight).
/// </remarks>
public static class Hj212Crc
{
    private const int SliceCount = 8;

    // CRC-16/ARC (reflected polynomial 0xA001) byte table: T[0..7] = 0000 C0C1 C181 0140 C301 03C0 0280 C241.
    private static readonly ushort[] ArcTable = BuildArcTable();

    // Slices[(j - 1) * 256 + x] = H^j(x) for j = 1..8, H(x) = ArcTable[x] >> 8.
    private static readonly byte[] Slices = BuildSlices();

    /// <summary>The HJ 212 checksum of <paramref name="segment"/> (the data segment), FFFF when it is empty.</summary>
    public static ushort Compute(ReadOnlySpan<byte> segment)
    {
        if (segment.IsEmpty)
        {
            return 0xFFFF;
        }

        ReadOnlySpan<byte> slices = Slices;
        var state = 0xFF;
        var body = segment[..^1];
        var i = 0;
        for (; i + SliceCount <= body.Length; i += SliceCount)
        {
            var word = BinaryPrimitives.ReadUInt64LittleEndian(body.Slice(i, SliceCount));
            state = slices[(7 << 8) | (state ^ (int)(word & 0xFF))]
                ^ slices[(6 << 8) | (int)((word >> 8) & 0xFF)]
                ^ slices[(5 << 8) | (int)((word >> 16) & 0xFF)]
                ^ slices[(4 << 8) | (int)((word >> 24) & 0xFF)]
                ^ slices[(3 << 8) | (int)((word >> 32) & 0xFF)]
                ^ slices[(2 << 8) | (int)((word >> 40) & 0xFF)]
                ^ slices[(1 << 8) | (int)((word >> 48) & 0xFF)]
                ^ slices[(int)(word >> 56)];
        }

        for (; i < body.Length; i++)
        {
            state = slices[state ^ body[i]];
        }

        return ArcTable[state ^ segment[^1]];
    }

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

    private static byte[] BuildSlices()
    {
        var slices = new byte[SliceCount * 256];
        for (var x = 0; x < 256; x++)
        {
            var value = x;
            for (var j = 0; j < SliceCount; j++)
            {
                value = ArcTable[value] >> 8;
                slices[(j << 8) | x] = (byte)value;
            }
        }

        return slices;
    }
}
