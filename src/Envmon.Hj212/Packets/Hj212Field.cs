using System.Globalization;
using Envmon.Hj212.Codes;

namespace Envmon.Hj212.Packets;

/// <summary>One <c>key=value</c> item of CP: its group, key (split into code and suffix), text, and parsed number.</summary>
public readonly record struct Hj212Field
{
    /// <summary>Creates a field; <paramref name="key"/> is split at its first <c>-</c>, and the value is parsed when
    /// the key's kind is numeric (as the decoder does).</summary>
    public Hj212Field(int group, string key, string value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(group);
        Group = group;
        Key = key;
        var dash = key.IndexOf('-', StringComparison.Ordinal);
        Code = dash < 0 ? key : key[..dash];
        Suffix = dash < 0 ? null : key[(dash + 1)..];
        Value = value;
        Number = Hj212FactorCodes.KindOf(key) == Hj212ValueKind.Number
            && decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
                ? n
                : null;
    }

    internal Hj212Field(int group, string key, string code, string? suffix, string value, decimal? number)
    {
        Group = group;
        Key = key;
        Code = code;
        Suffix = suffix;
        Value = value;
        Number = number;
    }

    /// <summary>The index of the <c>;</c>-separated group, from 0. Items of one factor share a group.</summary>
    public int Group { get; init; }

    /// <summary>The key as sent (<c>a21026-Avg</c>).</summary>
    public string Key { get; }

    /// <summary>The code before the first <c>-</c> (<c>a21026</c>), or the whole key.</summary>
    public string Code { get; }

    /// <summary>The suffix after the first <c>-</c> (<c>Avg</c>), or null.</summary>
    public string? Suffix { get; }

    /// <summary>The value text as sent.</summary>
    public string Value { get; }

    /// <summary>The value as an exact decimal when it is numeric.</summary>
    public decimal? Number { get; }
}
