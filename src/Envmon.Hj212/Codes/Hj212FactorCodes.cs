using System.Buffers.Binary;

namespace Envmon.Hj212.Codes;

/// <summary>
/// Which CP keys HJ 212 defines, and what kind of value each carries. Factor codes are recognised by shape, not by a
/// complete list: the meaning of a code is the station profile's business (docs/hj212.md, "Factor codes").
/// </summary>
public static class Hj212FactorCodes
{
    /// <summary>The kind of value <paramref name="key"/> carries (<see cref="Hj212ValueKind.Text"/> when unknown).</summary>
    public static Hj212ValueKind KindOf(string key)
    {
        Span<byte> bytes = stackalloc byte[System.Text.Encoding.UTF8.GetMaxByteCount(Math.Min(key.Length, 64))];
        if (key.Length > 64 || !System.Text.Ascii.IsValid(key))
        {
            return Hj212ValueKind.Text;
        }

        var text = bytes[..System.Text.Encoding.ASCII.GetBytes(key, bytes)];
        var dash = text.IndexOf((byte)'-');
        return (dash < 0 ? TopLevelKind(text, out _) : SuffixKind(text[(dash + 1)..], out _)) ?? Hj212ValueKind.Text;
    }

    /// <summary>Classifies a key without suffix (<c>DataTime</c>, <c>RtdInterval</c>...).</summary>
    /// <returns>The kind, or null when HJ 212 defines no such key.</returns>
    public static Hj212ValueKind? TopLevelKind(ReadOnlySpan<byte> key, out bool caseMismatch)
    {
        caseMismatch = false;
        foreach (var (name, kind) in TopLevel)
        {
            if (key.SequenceEqual(name))
            {
                return kind;
            }
        }

        return IgnoringCase(TopLevel, key, out caseMismatch);
    }

    /// <summary>Classifies a factor suffix (<c>Rtd</c>, <c>Avg</c>, <c>Flag</c>...).</summary>
    /// <returns>The kind, or null when the 2017 dictionary has no such suffix.</returns>
    public static Hj212ValueKind? SuffixKind(ReadOnlySpan<byte> suffix, out bool caseMismatch)
    {
        caseMismatch = false;

        // The suffixes of measurement data, matched as little-endian integers (a jump table, no byte loop).
        switch (suffix.Length)
        {
            case 3:
                switch (suffix[0] | (suffix[1] << 8) | (suffix[2] << 16))
                {
                    case 'A' | ('v' << 8) | ('g' << 16):
                    case 'M' | ('i' << 8) | ('n' << 16):
                    case 'M' | ('a' << 8) | ('x' << 16):
                    case 'R' | ('t' << 8) | ('d' << 16):
                    case 'C' | ('o' << 8) | ('u' << 16):
                        return Hj212ValueKind.Number;
                }

                break;
            case 4:
                switch (BinaryPrimitives.ReadInt32LittleEndian(suffix))
                {
                    case 'F' | ('l' << 8) | ('a' << 16) | ('g' << 24):
                        return Hj212ValueKind.DataFlag;
                    case 'D' | ('a' << 8) | ('t' << 16) | ('a' << 24):
                        return Hj212ValueKind.Number;
                }

                break;
        }

        foreach (var (name, kind) in Suffixes)
        {
            if (suffix.SequenceEqual(name))
            {
                return kind;
            }
        }

        return IgnoringCase(Suffixes, suffix, out caseMismatch);
    }

    private static Hj212ValueKind? IgnoringCase((byte[] Name, Hj212ValueKind Kind)[] table, ReadOnlySpan<byte> text, out bool caseMismatch)
    {
        foreach (var (name, kind) in table)
        {
            if (System.Text.Ascii.EqualsIgnoreCase(text, name))
            {
                caseMismatch = true;
                return kind;
            }
        }

        caseMismatch = false;
        return null;
    }

    /// <summary>
    /// Whether <paramref name="code"/> has the shape of a code of the tables: a HJ 524/525 code (<c>a21026</c>,
    /// <c>w01018</c>), a process or information code (<c>e</c>, <c>g</c>, <c>i</c> + 5 digits), a facility
    /// (<c>SB1</c>), a noise statistic (<c>LA</c>, <c>L10</c>, <c>Leq</c>...) or, in 2005 frames, a legacy code
    /// (<c>011</c>, <c>60</c>, <c>B01</c>).
    /// </summary>
    public static bool IsKnownShape(ReadOnlySpan<byte> code, Hj212Version version)
    {
        if (code.Length == 6 && code[0] is (byte)'a' or (byte)'w' or (byte)'e' or (byte)'g' or (byte)'i'
            && AreDigits(BinaryPrimitives.ReadUInt32LittleEndian(code[1..])) && IsDigit(code[5]))
        {
            return true;
        }

        if (code.Length > 2 && code[0] == (byte)'S' && code[1] == (byte)'B' && AllDigits(code[2..]))
        {
            return true;
        }

        foreach (var noise in NoiseCodes)
        {
            if (code.SequenceEqual(noise))
            {
                return true;
            }
        }

        return version == Hj212Version.V2005
            && ((code.Length is 2 or 3 && AllDigits(code))
                || (code.Length == 3 && code[0] is >= (byte)'A' and <= (byte)'Z' && AllDigits(code[1..])));
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    // Four ASCII digits at once: each byte minus '0' must stay below 10 without borrowing into its high nibble.
    private static bool AreDigits(uint word)
    {
        var offset = word - 0x30303030u;
        return ((word & 0xF0F0F0F0u) == 0x30303030u) && (((offset + 0x06060606u) & 0xF0F0F0F0u) == 0);
    }

    private static bool AllDigits(ReadOnlySpan<byte> text) => !text.IsEmpty && !text.ContainsAnyExceptInRange((byte)'0', (byte)'9');

    private static readonly (byte[] Name, Hj212ValueKind Kind)[] TopLevel =
    [
        ("DataTime"u8.ToArray(), Hj212ValueKind.Time),
        ("SystemTime"u8.ToArray(), Hj212ValueKind.Time),
        ("BeginTime"u8.ToArray(), Hj212ValueKind.Time),
        ("EndTime"u8.ToArray(), Hj212ValueKind.Time),
        ("RestartTime"u8.ToArray(), Hj212ValueKind.Time),
        ("SKCreateTime"u8.ToArray(), Hj212ValueKind.Time),
        ("RtdInterval"u8.ToArray(), Hj212ValueKind.Number),
        ("MinInterval"u8.ToArray(), Hj212ValueKind.Number),
        ("OverTime"u8.ToArray(), Hj212ValueKind.Number),
        ("ReCount"u8.ToArray(), Hj212ValueKind.Number),
        ("QnRtn"u8.ToArray(), Hj212ValueKind.Number),
        ("ExeRtn"u8.ToArray(), Hj212ValueKind.Number),
        ("VaseNo"u8.ToArray(), Hj212ValueKind.Number),
        ("Ctime"u8.ToArray(), Hj212ValueKind.Number),
        ("Stime"u8.ToArray(), Hj212ValueKind.Number),
        ("CstartTime"u8.ToArray(), Hj212ValueKind.Text),
        ("PolId"u8.ToArray(), Hj212ValueKind.Text),
        ("InfoId"u8.ToArray(), Hj212ValueKind.Text),
        ("NewPW"u8.ToArray(), Hj212ValueKind.Text),
        ("NewSK"u8.ToArray(), Hj212ValueKind.Text),
        ("CalibrationType"u8.ToArray(), Hj212ValueKind.Text),
        ("Data"u8.ToArray(), Hj212ValueKind.Text),

        // HJ/T 212-2005 fields that 2017 dropped (docs/hj212.md, "2005"); kept as text, as their types are not known.
        ("AlarmTime"u8.ToArray(), Hj212ValueKind.Text),
        ("AlarmType"u8.ToArray(), Hj212ValueKind.Text),
        ("ReportTarget"u8.ToArray(), Hj212ValueKind.Text),
        ("ReportTime"u8.ToArray(), Hj212ValueKind.Text),
        ("DayStdValue"u8.ToArray(), Hj212ValueKind.Text),
        ("NightStdValue"u8.ToArray(), Hj212ValueKind.Text),
        ("WarnTime"u8.ToArray(), Hj212ValueKind.Text),
    ];

    private static readonly (byte[] Name, Hj212ValueKind Kind)[] Suffixes =
    [
        ("Rtd"u8.ToArray(), Hj212ValueKind.Number),
        ("Avg"u8.ToArray(), Hj212ValueKind.Number),
        ("Min"u8.ToArray(), Hj212ValueKind.Number),
        ("Max"u8.ToArray(), Hj212ValueKind.Number),
        ("Cou"u8.ToArray(), Hj212ValueKind.Number),
        ("Flag"u8.ToArray(), Hj212ValueKind.DataFlag),
        ("EFlag"u8.ToArray(), Hj212ValueKind.Text),
        ("SampleTime"u8.ToArray(), Hj212ValueKind.Time),
        ("ZsRtd"u8.ToArray(), Hj212ValueKind.Number),
        ("ZsAvg"u8.ToArray(), Hj212ValueKind.Number),
        ("ZsMin"u8.ToArray(), Hj212ValueKind.Number),
        ("ZsMax"u8.ToArray(), Hj212ValueKind.Number),
        ("ZsCou"u8.ToArray(), Hj212ValueKind.Number),
        ("Data"u8.ToArray(), Hj212ValueKind.Number),
        ("DayData"u8.ToArray(), Hj212ValueKind.Number),
        ("NightData"u8.ToArray(), Hj212ValueKind.Number),
        ("RS"u8.ToArray(), Hj212ValueKind.Number),
        ("RT"u8.ToArray(), Hj212ValueKind.Number),
        ("Info"u8.ToArray(), Hj212ValueKind.Text),
        ("SN"u8.ToArray(), Hj212ValueKind.Text),
        ("ValidNum"u8.ToArray(), Hj212ValueKind.Number),
        ("TotalNum"u8.ToArray(), Hj212ValueKind.Number),
    ];

    private static readonly byte[][] NoiseCodes =
    [
        "LA"u8.ToArray(), "L5"u8.ToArray(), "L10"u8.ToArray(), "L50"u8.ToArray(), "L90"u8.ToArray(), "L95"u8.ToArray(),
        "Leq"u8.ToArray(), "Ldn"u8.ToArray(), "Ld"u8.ToArray(), "Ln"u8.ToArray(), "LMx"u8.ToArray(), "LMn"u8.ToArray(),
    ];
}
