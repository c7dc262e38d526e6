using System.Buffers;
using System.Globalization;
using System.Text;
using Envmon.Hj212.Framing;

namespace Envmon.Hj212.Packets;

/// <summary>
/// Writes packets as frames with the right length and checksum (HJ 212-2017 §6.3), and splits packets whose segment
/// is too long into PNUM/PNO parts.
/// </summary>
public static class Hj212Encoder
{
    /// <summary>The segment limit of HJ 212-2017 §6.3.2.</summary>
    public const int StandardMaxSegmentLength = 1024;

    /// <summary>The whole frame of <paramref name="packet"/>.</summary>
    public static byte[] EncodeFrame(Hj212Packet packet)
    {
        var output = new ArrayBufferWriter<byte>(256);
        WriteFrame(packet, output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Writes the whole frame of <paramref name="packet"/> to <paramref name="output"/>.</summary>
    public static void WriteFrame(Hj212Packet packet, IBufferWriter<byte> output)
        => WriteFrame(EncodeSegment(packet), output);

    /// <summary>Wraps a data segment: <c>##</c>, length, segment, checksum, CR LF.</summary>
    public static void WriteFrame(ReadOnlySpan<byte> segment, IBufferWriter<byte> output)
    {
        if (segment.Length > 9999)
        {
            throw new ArgumentException($"a segment of {segment.Length} bytes does not fit the 4-digit length field; split it", nameof(segment));
        }

        var span = output.GetSpan(segment.Length + 12);
        span[0] = (byte)'#';
        span[1] = (byte)'#';
        WriteDigits(span.Slice(2, 4), segment.Length);
        segment.CopyTo(span[6..]);
        var crc = Hj212Crc.Compute(segment);
        var crcAt = 6 + segment.Length;
        span[crcAt] = Hex(crc >> 12);
        span[crcAt + 1] = Hex((crc >> 8) & 0xF);
        span[crcAt + 2] = Hex((crc >> 4) & 0xF);
        span[crcAt + 3] = Hex(crc & 0xF);
        span[crcAt + 4] = (byte)'\r';
        span[crcAt + 5] = (byte)'\n';
        output.Advance(segment.Length + 12);
    }

    /// <summary>The data segment of <paramref name="packet"/>: header items, then <c>CP=&amp;&amp;…&amp;&amp;</c>.</summary>
    /// <exception cref="ArgumentException">The packet cannot be written (see <see cref="Validate"/>).</exception>
    public static byte[] EncodeSegment(Hj212Packet packet)
    {
        if (Validate(packet) is { } problem)
        {
            throw new ArgumentException(problem, nameof(packet));
        }

        var text = new StringBuilder(128 + (packet.Fields.Count * 24));
        if (packet.Qn is not null)
        {
            text.Append("QN=").Append(packet.Qn).Append(';');
        }

        text.Append("ST=").Append(packet.St).Append(";CN=").Append(packet.Cn).Append(';');
        if (packet.Password is not null)
        {
            text.Append("PW=").Append(packet.Password).Append(';');
        }

        text.Append("MN=").Append(packet.Mn).Append(';');
        if (packet.Flag is int flag)
        {
            text.Append("Flag=").Append(flag.ToString(CultureInfo.InvariantCulture)).Append(';');
        }

        if (packet.PacketCount is int count && packet.PacketNumber is int number)
        {
            text.Append("PNUM=").Append(count.ToString(CultureInfo.InvariantCulture))
                .Append(";PNO=").Append(number.ToString(CultureInfo.InvariantCulture)).Append(';');
        }

        text.Append("CP=&&");
        for (var i = 0; i < packet.Fields.Count; i++)
        {
            var field = packet.Fields[i];
            if (i > 0)
            {
                text.Append(field.Group == packet.Fields[i - 1].Group ? ',' : ';');
            }

            text.Append(field.Key).Append('=').Append(field.Value);
        }

        text.Append("&&");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Why <paramref name="packet"/> cannot be written as a frame that decodes back to it, or null.</summary>
    public static string? Validate(Hj212Packet packet)
    {
        if (!IsToken(packet.St) || !IsToken(packet.Cn) || !IsToken(packet.Mn))
        {
            return "ST, CN and MN must be non-empty and free of ';', ',', '=', '&' and spaces";
        }

        if (packet.Qn is { } qn && !IsToken(qn))
        {
            return "QN must be free of ';', ',', '=', '&' and spaces";
        }

        if (packet.Password is { } pw && pw.Length > 0 && !IsToken(pw))
        {
            return "PW must be free of ';', ',', '=', '&' and spaces";
        }

        if (packet.Flag is < 0 or > 255)
        {
            return "Flag must be 0..255";
        }

        if ((packet.PacketCount is null) != (packet.PacketNumber is null)
            || packet.PacketNumber < 1 || packet.PacketNumber > packet.PacketCount || packet.PacketCount > 9999)
        {
            return "PNUM and PNO must be given together, with 1 <= PNO <= PNUM <= 9999";
        }

        var previousGroup = -1;
        foreach (var field in packet.Fields)
        {
            if (field.Group < previousGroup)
            {
                return "fields must be in group order";
            }

            previousGroup = field.Group;
            if (!IsToken(field.Key) || field.Key.Contains('/', StringComparison.Ordinal))
            {
                return $"key \"{field.Key}\" must be non-empty and free of ';', ',', '=', '&', '/' and spaces";
            }

            var isLog = field.Value.Length >= 4 && field.Value.StartsWith("//", StringComparison.Ordinal)
                && field.Value.EndsWith("//", StringComparison.Ordinal)
                && !field.Value.AsSpan(2, field.Value.Length - 4).Contains("//", StringComparison.Ordinal);
            if (!isLog && (field.Value.AsSpan().IndexOfAny(NotInValues) >= 0 || field.Value != field.Value.Trim(' ')
                || field.Value.StartsWith("//", StringComparison.Ordinal)))
            {
                return $"value of {field.Key} must be a //log// or free of ';', ',', '&' and surrounding spaces";
            }

            if (isLog && field.Value.Contains("&&", StringComparison.Ordinal))
            {
                return $"log of {field.Key} must not contain &&";
            }
        }

        return null;
    }

    /// <summary>
    /// Splits <paramref name="packet"/> into parts whose segments fit <paramref name="maxSegmentLength"/>
    /// (HJ 212-2017 §6.3.2, C.50): every part repeats the <c>DataTime</c> group, carries PNUM/PNO and the D bit, and
    /// a QN of its own (the original's plus the part's index in milliseconds). Groups are never cut; a group that does
    /// not fit alone goes into a part of its own. A packet that already fits is returned as it is.
    /// </summary>
    public static IReadOnlyList<Hj212Packet> Split(Hj212Packet packet, int maxSegmentLength = StandardMaxSegmentLength)
    {
        if (EncodeSegment(packet).Length <= maxSegmentLength)
        {
            return [packet];
        }

        var groups = packet.Fields.GroupBy(f => f.Group).Select(g => g.ToArray()).ToList();
        var common = IsDataTimeGroup(groups[0]) ? groups[0] : [];
        var rest = groups.Skip(common.Length).ToList();
        var parts = new List<List<Hj212Field[]>>();
        var current = new List<Hj212Field[]>();
        foreach (var group in rest)
        {
            current.Add(group);
            if (current.Count > 1 && EncodeSegment(Part(packet, common, current, 9999, 9999)).Length > maxSegmentLength)
            {
                current.RemoveAt(current.Count - 1);
                parts.Add(current);
                current = [group];
            }
        }

        parts.Add(current);
        var qnTime = packet.QnTime;
        return parts.Select((groupsOfPart, index) =>
        {
            var part = Part(packet, common, groupsOfPart, parts.Count, index + 1);
            return qnTime is { } time ? part with { Qn = Hj212Time.FormatQn(time.AddMilliseconds(index)) } : part;
        }).ToArray();
    }

    /// <summary>Whether <paramref name="group"/> is the lone <c>DataTime</c> item that every part of a split packet repeats.</summary>
    internal static bool IsDataTimeGroup(IReadOnlyList<Hj212Field> group) => group.Count == 1 && group[0].Key == "DataTime";

    private static Hj212Packet Part(Hj212Packet packet, Hj212Field[] common, List<Hj212Field[]> groups, int count, int number)
    {
        var fields = new List<Hj212Field>();
        var group = 0;
        foreach (var field in common)
        {
            fields.Add(field with { Group = group++ });
        }

        foreach (var g in groups)
        {
            fields.AddRange(g.Select(f => f with { Group = group }));
            group++;
        }

        return packet with
        {
            Flag = packet.Flag.GetValueOrDefault() | Hj212Flag.Split,
            PacketCount = count,
            PacketNumber = number,
            Fields = fields,
            Warnings = Hj212Warnings.None,
        };
    }

    private static readonly System.Buffers.SearchValues<char> NotInTokens = System.Buffers.SearchValues.Create(";,=& \r\n\t");
    private static readonly System.Buffers.SearchValues<char> NotInValues = System.Buffers.SearchValues.Create(";,&");

    private static bool IsToken(string text)
        => text.Length > 0 && text.AsSpan().IndexOfAny(NotInTokens) < 0 && text.AsSpan().IndexOfAnyInRange('\0', '\x1f') < 0;

    private static void WriteDigits(Span<byte> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    private static byte Hex(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);
}
