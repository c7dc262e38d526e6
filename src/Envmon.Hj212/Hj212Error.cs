namespace Envmon.Hj212;

/// <summary>
/// Malformed station data, returned as a value: which rule was broken, where, and a readable message. Offsets are
/// byte offsets in the stream (from the frame reader) or in the data segment (from the segment reader, until the
/// caller rebases them with <see cref="At"/>).
/// </summary>
/// <param name="Code">The stable error code.</param>
/// <param name="Offset">The byte offset of the offending bytes.</param>
/// <param name="Message">A readable explanation, never containing the password.</param>
public sealed record Hj212Error(Hj212ErrorCode Code, long Offset, string Message)
{
    /// <summary>The same error with its offset moved by <paramref name="baseOffset"/>.</summary>
    public Hj212Error At(long baseOffset) => this with { Offset = Offset + baseOffset };

    /// <inheritdoc />
    public override string ToString() => $"{Code.Name()} at {Offset}: {Message}";
}
