using System.Globalization;
using Envmon.Hj212.Codes;

namespace Envmon.Hj212.Packets;

/// <summary>One <c>key=value</c> item of CP: its group, key (split into code and suffix), text, and parsed number.</summary>
/// <remarks>
/// A decoded number whose text is canonical (what <see cref="decimal.ToString(IFormatProvider)"/> gives back, as for
/// <c>12.30</c> but not <c>+12.3</c> or <c>012.3</c>) keeps no copy of its text: <see cref="Value"/> formats it again,
/// identical to what was sent. That spares a string per reading on the ingest path, where values are used as numbers.
/// Two fields are equal when group, key, value text and number are.
/// </remarks>
public readonly record struct Hj212Field
{
    private readonly Hj212FieldKey _key;
    private readonly string? _text;
    private readonly decimal _number;
    private readonly bool _hasNumber;

    /// <summary>Creates a field; <paramref name="key"/> is split at its first <c>-</c>, and the value is parsed when
    /// the key's kind is numeric (as the decoder does).</summary>
    public Hj212Field(int group, string key, string value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(group);
        Group = group;
        _key = Hj212FieldKey.Split(key);
        _text = value;
        _hasNumber = Hj212FactorCodes.KindOf(key) == Hj212ValueKind.Number
            && decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _number);
    }

    /// <summary>A decoded field: <paramref name="text"/> is null when <paramref name="number"/> formats back to it.</summary>
    internal Hj212Field(int group, Hj212FieldKey key, string? text, decimal? number)
    {
        Group = group;
        _key = key;
        _text = text;
        _hasNumber = number.HasValue;
        _number = number.GetValueOrDefault();
    }

    /// <summary>The index of the <c>;</c>-separated group, from 0. Items of one factor share a group.</summary>
    public int Group { get; init; }

    /// <summary>The key as sent (<c>a21026-Avg</c>).</summary>
    public string Key => _key.Key;

    /// <summary>The code before the first <c>-</c> (<c>a21026</c>), or the whole key.</summary>
    public string Code => _key.Code;

    /// <summary>The suffix after the first <c>-</c> (<c>Avg</c>), or null.</summary>
    public string? Suffix => _key.Suffix;

    /// <summary>The value text as sent.</summary>
    public string Value => _text ?? _number.ToString(CultureInfo.InvariantCulture);

    /// <summary>The value as an exact decimal when it is numeric.</summary>
    public decimal? Number => _hasNumber ? _number : null;

    /// <summary>Whether group, key, value text and number are the same.</summary>
    public bool Equals(Hj212Field other)
        => Group == other.Group && string.Equals(Key, other.Key, StringComparison.Ordinal)
            && string.Equals(Value, other.Value, StringComparison.Ordinal) && Number == other.Number;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Group, Key, Value);
}
