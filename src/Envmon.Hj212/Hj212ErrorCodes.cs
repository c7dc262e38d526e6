namespace Envmon.Hj212;

/// <summary>Stable names of <see cref="Hj212ErrorCode"/> values.</summary>
public static class Hj212ErrorCodes
{
    private static readonly string[] Names =
    [
        "no-header", "bad-length-field", "length-mismatch", "too-long", "bad-crc-field", "crc-mismatch", "truncated",
        "bad-segment", "bad-field",
    ];

    /// <summary>All codes, in declaration order.</summary>
    public static IReadOnlyList<Hj212ErrorCode> All { get; } = Enum.GetValues<Hj212ErrorCode>();

    /// <summary>The stable kebab-case name of <paramref name="code"/>.</summary>
    public static string Name(this Hj212ErrorCode code) => Names[(int)code];
}
