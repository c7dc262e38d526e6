namespace Envmon.Hj212.Segments;

/// <summary>The header fields of a data segment, as spans into it. Absent fields are empty spans or null numbers.</summary>
public readonly ref struct Hj212Header
{
    /// <summary>QN, 17 digits, or empty when absent (2005 uploads).</summary>
    public ReadOnlySpan<byte> Qn { get; init; }

    /// <summary>ST, the system code.</summary>
    public ReadOnlySpan<byte> St { get; init; }

    /// <summary>CN, the command code.</summary>
    public ReadOnlySpan<byte> Cn { get; init; }

    /// <summary>PW, the password. Never log it.</summary>
    public ReadOnlySpan<byte> Password { get; init; }

    /// <summary>Whether a PW item was present (possibly empty).</summary>
    public bool HasPassword { get; init; }

    /// <summary>MN, the station (data logger) id.</summary>
    public ReadOnlySpan<byte> Mn { get; init; }

    /// <summary>Flag, or null when absent (a 2005 station).</summary>
    public int? Flag { get; init; }

    /// <summary>PNUM, the number of parts of a split packet.</summary>
    public int? PacketCount { get; init; }

    /// <summary>PNO, this part's number, 1..PNUM.</summary>
    public int? PacketNumber { get; init; }

    /// <summary>The version declared by the Flag.</summary>
    public Hj212Version Version => Hj212Flag.Version(Flag);
}
