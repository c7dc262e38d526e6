using System.Globalization;
using System.Text;
using CsCheck;
using Envmon.Hj212.Packets;
using Envmon.Hj212.Tests.Support;

namespace Envmon.Hj212.Tests.Packets;

public sealed class Hj212DecoderTests
{
    [Fact]
    public void AnAirMinuteFrameDecodesIntoTypedValues()
    {
        var packet = Decode.Frame(SampleFrame.ById(23).Bytes);
        Assert.Equal(Hj212Version.V2017, packet.Version);
        Assert.Equal("2051", packet.Cn);
        Assert.Equal("JLYP01_AIR01_0001", packet.Mn);
        Assert.Equal(new DateTimeOffset(2022, 5, 13, 8, 26, 0, TimeSpan.Zero), packet.DataTime);
        var avg = packet.Fields.First(f => f.Suffix == "Avg");
        Assert.Equal(avg.Number, decimal.Parse(avg.Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(packet.Fields.Where(f => f.Suffix is "Avg" or "Min" or "Max"), f => Assert.NotNull(f.Number));
    }

    [Fact]
    public void ValuesKeepTheirTextAndEveryDecimalSent()
    {
        var packet = Decode.Frame(SampleFrame.ById(40).Bytes);
        var field = packet.Fields.First(f => f.Value.Length > 14 && f.Number is not null);
        Assert.Equal(field.Value, field.Number!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void QnAndDataTimeAreBeijingTimeTurnedIntoInstants()
    {
        var packet = Decode.Frame(SampleFrame.ById(2).Bytes);
        Assert.Equal(new DateTimeOffset(2016, 8, 1, 0, 58, 57, 223, TimeSpan.Zero), packet.QnTime);
        Assert.Equal(TimeSpan.FromHours(8), packet.DataTime!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2016, 8, 1, 0, 58, 57, TimeSpan.Zero), packet.DataTime.Value.ToUniversalTime());
    }

    [Fact]
    public void ALogWithChineseTextKeepsItsUtf8Text()
    {
        var packet = Decode.Frame(SampleFrame.ById(11).Bytes);
        Assert.Equal("//清洗管路//", packet.Find("i11001-Info")!.Value.Value);
    }

    [Fact]
    public void BadSegmentErrorsCarryTheirStreamOffset()
    {
        var segment = Encoding.ASCII.GetBytes("QN=20160801085857223;ST=22;CN=2051;PW=1;MN=M1;Flag=4;CP=&&a21026-Avg=x&&");
        var result = new Hj212Decoder().Decode(segment, frameOffset: 100);
        Assert.False(result.Success);
        Assert.Equal(Hj212ErrorCode.BadField, result.Error.Code);
        Assert.Equal(100 + 6 + segment.AsSpan().IndexOf("a21026"u8), result.Error.Offset);
    }

    [Fact]
    public void RepeatedStringsAreSharedBetweenFramesOfOneDecoder()
    {
        var decoder = new Hj212Decoder();
        var segment = SampleFrame.ById(23).Segment.ToArray();
        var first = decoder.Decode(segment).Packet!;
        var second = decoder.Decode(segment).Packet!;
        Assert.Same(first.Mn, second.Mn);
        Assert.Same(first.Fields[1].Key, second.Fields[1].Key);
    }

    [Fact]
    public void EveryNumberKeepsTheTextSentWhetherOrNotItIsCanonical()
    {
        // Canonical texts are not copied but formatted again; the others (+, leading zeros, "5.", ".5", -0, exponents)
        // are kept. Either way Value is the text sent, in the first frame and in the next (with the key cache warm).
        var number = Gen.Select(Gen.OneOf<string>("", "-", "+"), Gen.OneOf<string>("", "0", "00", "7", "12", "0123", "99999999999"),
            Gen.OneOf<string>("", ".", ".0", ".5", ".250", ".000001", ".1234567890123"), Gen.OneOf<string>("", "", "", "e2", "E-1"))
            .Select((sign, whole, fraction, exponent) => sign + whole + fraction + exponent)
            .Where(text => decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                && text.Any(char.IsAsciiDigit) && !text.StartsWith('.') && !text.Contains("-.", StringComparison.Ordinal)
                && !text.Contains("+.", StringComparison.Ordinal));
        number.Sample(text =>
        {
            var decoder = new Hj212Decoder();
            var segment = Encoding.ASCII.GetBytes($"QN=20160801085857223;ST=22;CN=2051;PW=1;MN=M1;Flag=4;CP=&&a21026-Avg={text}&&");
            for (var pass = 0; pass < 2; pass++)
            {
                var field = decoder.Decode(segment).Packet!.Fields[0];
                if (field.Value != text || field.Number != decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture))
                {
                    return false;
                }
            }

            return true;
        }, iter: 3000);
    }

    [Fact]
    public void NumberItemsDecodeAsTheirTextBetweenEqualsAndSeparatorSays()
    {
        // Several number items, separated by ',' and ';', each value anything over the characters of numbers, spaces
        // and '=' (which a value may hold: the reader's separators are ';' and ','). Reference: the value is the text
        // from the key's '=' to the next separator, spaces trimmed; empty, a number (the IsValid grammar, then
        // decimal.Parse), or else a bad-field error.
        var shaped = from sign in Gen.Int[0, 2].Select(i => i switch { 0 => "", 1 => "+", _ => "-" })
                     from integer in Gen.Char["0123456789"].Array[0, 21].Select(chars => new string(chars))
                     from fraction in Gen.Char["0123456789"].Array[0, 4].Select(chars => chars.Length == 0 ? "" : "." + new string(chars))
                     select sign + integer + fraction;
        var any = Gen.Char["0123456789.+-eE ="].Array[0, 8].Select(chars => new string(chars));
        var value = Gen.Select(Gen.Frequency((3, shaped), (1, any)), Gen.Int[0, 5])
            .Select((text, spaces) => spaces switch { 0 => " " + text, 1 => text + " ", _ => text });
        var keys = new[] { "a21026-Avg", "a21026-Min", "a21004-Avg", "a34004-Max" };
        Gen.Select(value.Array[1, 4], Gen.Bool).Sample((values, semicolons) =>
        {
            var cp = string.Concat(values.Select((v, i) => (i == 0 ? "" : semicolons ? ";" : ",") + keys[i] + "=" + v));
            var segment = Encoding.ASCII.GetBytes($"QN=20160801085857223;ST=22;CN=2051;PW=1;MN=M1;Flag=4;CP=&&{cp}&&");
            var expected = values.Select(v => v.Trim(' ')).Select(v => (Text: v,
                Number: Hj212Number.IsValid(Encoding.ASCII.GetBytes(v)) && decimal.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : (decimal?)null)).ToList();
            var decoder = new Hj212Decoder();
            for (var pass = 0; pass < 2; pass++)
            {
                var result = decoder.Decode(segment);
                if (expected.Any(e => e.Text.Length > 0 && e.Number is null))
                {
                    if (result.Success || result.Error!.Code != Hj212ErrorCode.BadField)
                    {
                        return false;
                    }

                    continue;
                }

                var fields = result.Packet?.Fields;
                if (fields is null || fields.Count != expected.Count
                    || fields.Zip(expected).Any(p => p.First.Value != p.Second.Text || p.First.Number != p.Second.Number
                        || (p.Second.Number is { } n && p.First.Number!.Value.Scale != n.Scale)))
                {
                    return false;
                }
            }

            return true;
        }, iter: 5000);
    }

    [Fact]
    public void NumbersParseExactlyAsTheDecimalGrammarSaysWhateverTheirShape()
    {
        // Any short text over the characters of numbers: the fast path must give what the reference does (the grammar
        // of Hj212Number.IsValid, then decimal.Parse), to the scale, and call canonical only what formats back (the
        // theory below has the texts that must be canonical).
        var digits = Gen.Char["0123456789"].Array[0, 22].Select(chars => new string(chars));
        var shaped = from sign in Gen.Int[0, 2].Select(i => i switch { 0 => "", 1 => "+", _ => "-" })
                     from integer in digits
                     from point in Gen.Bool.Select(b => b ? "." : "")
                     from fraction in digits
                     select sign + integer + point + fraction;
        var text = Gen.Frequency((1, Gen.Char["0123456789.+-eE "].Array[0, 24].Select(chars => new string(chars))), (3, shaped));
        text.Sample(t =>
        {
            var bytes = Encoding.ASCII.GetBytes(t);
            var expected = Hj212Number.IsValid(bytes) && decimal.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var reference)
                ? reference
                : (decimal?)null;
            var parsed = Hj212Number.TryParse(bytes, out var value, out var canonical);
            return parsed == expected.HasValue
                && (!parsed || (value == expected && value.ToString(CultureInfo.InvariantCulture) == expected.Value.ToString(CultureInfo.InvariantCulture)
                    && (!canonical || value.ToString(CultureInfo.InvariantCulture) == t)));
        }, iter: 20000);
    }

    [Theory]
    [InlineData("12.30", true)]
    [InlineData("0.5", true)]
    [InlineData("-3", true)]
    [InlineData("0", true)]
    [InlineData("+1", false)]
    [InlineData("012", false)]
    [InlineData("-0", false)]
    [InlineData("5.", false)]
    [InlineData("1e3", false)]
    public void OnlyTextsThatFormatBackExactlyAreCanonical(string text, bool canonical)
    {
        Assert.True(Hj212Number.TryParse(Encoding.ASCII.GetBytes(text), out var value, out var isCanonical));
        Assert.Equal(canonical, isCanonical);
        Assert.Equal(canonical, value.ToString(CultureInfo.InvariantCulture) == text);
    }
}
