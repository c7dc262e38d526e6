namespace Envmon.Hj212.Packets;

/// <summary>
/// A decoded or to-be-encoded HJ 212 packet: the header fields and the CP items. Times in CP stay as sent
/// (<see cref="Hj212Field.Value"/>); <see cref="DataTime"/> and <see cref="QnTime"/> give them as instants.
/// A record, so that answers and parts are made with <c>with</c>; equality compares <see cref="Fields"/> by reference.
/// </summary>
public sealed record Hj212Packet
{
    /// <summary>QN, the 17-digit request id, or null (2005 uploads carry none).</summary>
    public string? Qn { get; init; }

    /// <summary>ST, the system code.</summary>
    public required string St { get; init; }

    /// <summary>CN, the command code.</summary>
    public required string Cn { get; init; }

    /// <summary>PW, the password; never log or print it. Null when the item is absent.</summary>
    public string? Password { get; init; }

    /// <summary>MN, the data logger's id.</summary>
    public required string Mn { get; init; }

    /// <summary>Flag, or null when absent (2005).</summary>
    public int? Flag { get; init; }

    /// <summary>PNUM: how many parts the split packet has.</summary>
    public int? PacketCount { get; init; }

    /// <summary>PNO: which part this is, from 1.</summary>
    public int? PacketNumber { get; init; }

    /// <summary>The CP items in the order sent.</summary>
    public IReadOnlyList<Hj212Field> Fields { get; init; } = [];

    /// <summary>Tolerated oddities found while decoding.</summary>
    public Hj212Warnings Warnings { get; init; }

    /// <summary>The version the Flag declares.</summary>
    public Hj212Version Version => Hj212Flag.Version(Flag);

    /// <summary>Whether the sender wants an answer (Flag bit A).</summary>
    public bool ReplyRequired => (Flag.GetValueOrDefault() & Hj212Flag.ReplyRequired) != 0;

    /// <summary>Whether the Flag marks a split packet (bit D).</summary>
    public bool Split => (Flag.GetValueOrDefault() & Hj212Flag.Split) != 0;

    /// <summary>QN as an instant, when present and valid.</summary>
    public DateTimeOffset? QnTime => ParseTime(Qn);

    /// <summary>The first <c>DataTime</c> of CP as an instant, when present and valid.</summary>
    public DateTimeOffset? DataTime => ParseTime(Find("DataTime")?.Value);

    /// <summary>The first field with <paramref name="key"/>, or null.</summary>
    public Hj212Field? Find(string key)
    {
        foreach (var field in Fields)
        {
            if (string.Equals(field.Key, key, StringComparison.Ordinal))
            {
                return field;
            }
        }

        return null;
    }

    private static DateTimeOffset? ParseTime(string? text)
    {
        if (text is null || text.Length is not (14 or 17))
        {
            return null;
        }

        Span<byte> digits = stackalloc byte[17];
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] > 0x7F)
            {
                return null;
            }

            digits[i] = (byte)text[i];
        }

        return Hj212Time.TryParse(digits[..text.Length], out var instant) ? instant : null;
    }
}
