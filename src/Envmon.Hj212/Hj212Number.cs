using System.Globalization;
using System.Runtime.CompilerServices;

namespace Envmon.Hj212;

/// <summary>
/// Decimal numbers as HJ 212 writes them (<c>Nx.y</c>: sign, digits, point; real stations also send up to 12
/// decimals and the odd exponent), parsed straight from bytes into <see cref="decimal"/> without a string.
/// </summary>
public static class Hj212Number
{
    /// <summary>Whether <paramref name="text"/> is a number: <c>[+-]digits[.digits][(e|E)[+-]digits]</c>, at least one digit.</summary>
    public static bool IsValid(ReadOnlySpan<byte> text)
    {
        var i = 0;
        if (text.Length > 0 && text[0] is (byte)'+' or (byte)'-')
        {
            i = 1;
        }

        var digits = 0;
        var point = false;
        for (; i < text.Length; i++)
        {
            var b = text[i];
            if ((uint)(b - '0') <= 9)
            {
                digits++;
            }
            else if (b == (byte)'.' && !point)
            {
                point = true;
            }
            else
            {
                break;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i == text.Length)
        {
            return true;
        }

        if (text[i] is not ((byte)'e' or (byte)'E'))
        {
            return false;
        }

        i++;
        if (i < text.Length && text[i] is (byte)'+' or (byte)'-')
        {
            i++;
        }

        return CountDigits(text, ref i) > 0 && i == text.Length;
    }

    /// <summary>Parses <paramref name="text"/> exactly (no rounding of the digits sent).</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out decimal value) => TryParse(text, out value, out _);

    /// <summary>
    /// Parses <paramref name="text"/> exactly, and tells whether it is canonical: exactly what
    /// <c>value.ToString(CultureInfo.InvariantCulture)</c> gives back (no <c>+</c>, no leading zeros, digits after a
    /// point, no exponent, not a negative zero). A decoded field keeps no copy of a canonical text.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParse(ReadOnlySpan<byte> text, out decimal value, out bool canonical)
    {
        // Fast path: up to 19 digits (they fit a ulong) and no exponent, which is every value the samples carry. The
        // integer and the fraction digits are read in two plain loops, so a digit costs one compare.
        canonical = false;
        var i = 0;
        var negative = false;
        if (!text.IsEmpty && text[0] is (byte)'+' or (byte)'-')
        {
            negative = text[0] == (byte)'-';
            i = 1;
        }

        var signLength = i;
        ulong mantissa = 0;
        var integerDigits = Accumulate(text, ref i, ref mantissa);
        var scale = -1;
        if (i < text.Length && text[i] == (byte)'.')
        {
            i++;
            scale = Accumulate(text, ref i, ref mantissa);
        }

        var digits = integerDigits + Math.Max(scale, 0);
        if (i != text.Length || digits == 0 || digits > 19)
        {
            return TryParseSlow(text, out value);
        }

        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative, (byte)Math.Max(scale, 0));
        canonical = text[0] != (byte)'+'
            && integerDigits > 0
            && (integerDigits == 1 || text[signLength] != (byte)'0')
            && scale != 0
            && !(negative && mantissa == 0);
        return true;
    }

    // Adds the decimal digits from i on to mantissa (it may wrap past 19 digits, which the caller rejects); returns
    // how many there were.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Accumulate(ReadOnlySpan<byte> text, ref int i, ref ulong mantissa)
    {
        var start = i;
        uint d;
        while (i < text.Length && (d = (uint)(text[i] - '0')) <= 9)
        {
            mantissa = unchecked((mantissa * 10) + d);
            i++;
        }

        return i - start;
    }

    private static bool TryParseSlow(ReadOnlySpan<byte> text, out decimal value)
    {
        value = 0;
        if (!IsValid(text) || text.Length > 128)
        {
            return false;
        }

        // Rare (more than 19 digits, or an exponent): round as decimal.Parse does, like Hj212Field's constructor.
        Span<char> chars = stackalloc char[text.Length];
        System.Text.Ascii.ToUtf16(text, chars, out _);
        return decimal.TryParse(chars, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Parses 1 to <paramref name="maxDigits"/> decimal digits, nothing else, into an int.</summary>
    internal static bool TryParseDigits(ReadOnlySpan<byte> digits, int maxDigits, out int value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > maxDigits)
        {
            return false;
        }

        foreach (var b in digits)
        {
            var d = (uint)(b - '0');
            if (d > 9)
            {
                return false;
            }

            value = (value * 10) + (int)d;
        }

        return true;
    }

    private static int CountDigits(ReadOnlySpan<byte> text, ref int i)
    {
        var start = i;
        while (i < text.Length && (uint)(text[i] - '0') <= 9)
        {
            i++;
        }

        return i - start;
    }
}
