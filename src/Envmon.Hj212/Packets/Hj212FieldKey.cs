namespace Envmon.Hj212.Packets;

/// <summary>A CP key with its code and suffix, shared by the fields of a stream that have it (the decoder pools them).</summary>
internal sealed record Hj212FieldKey(string Key, string Code, string? Suffix)
{
    /// <summary>Splits <paramref name="key"/> at its first <c>-</c>.</summary>
    public static Hj212FieldKey Split(string key)
    {
        var dash = key.IndexOf('-', StringComparison.Ordinal);
        return new Hj212FieldKey(key, dash < 0 ? key : key[..dash], dash < 0 ? null : key[(dash + 1)..]);
    }
}
