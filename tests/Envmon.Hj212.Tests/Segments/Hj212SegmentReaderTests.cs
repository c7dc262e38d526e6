using System.Globalization;
using System.Text;
using CsCheck;
using Envmon.Hj212.Segments;

namespace Envmon.Hj212.Tests.Segments;

public sealed class Hj212SegmentReaderTests
{
    private const string Head = "QN=20160801085857223;ST=22;CN=2051;PW=123456;MN=010000A8900016F000169DC0;Flag=4;";

    [Theory]
    [InlineData("QN=20160801085857223;ST=22;CN=2051;PW=1;MN=M1;Flag=4;", "the segment has no CP=&&")]
    [InlineData("ST=22;CN=2051;PW=1;MN=M1;Flag=4;CP=&&&&", "QN is missing")]
    [InlineData("QN=2016080108585722;ST=22;CN=2051;PW=1;MN=M1;Flag=4;CP=&&&&", "is not 17 digits")]
    [InlineData("QN=20161301085857223;ST=22;CN=2051;PW=1;MN=M1;Flag=4;CP=&&&&", "is not 17 digits")]
    [InlineData("QN=20160801085857223;CN=2051;PW=1;MN=M1;Flag=4;CP=&&&&", "ST is missing")]
    [InlineData("QN=20160801085857223;ST=22;CN=205;PW=1;MN=M1;Flag=4;CP=&&&&", "is not four digits")]
    [InlineData("QN=20160801085857223;ST=22;CN=2051;PW=1;Flag=4;CP=&&&&", "MN is missing")]
    [InlineData("QN=20160801085857223;ST=22;CN=2051;PW=1;MN=M 1;Flag=4;CP=&&&&", "is not 1..64 letters")]
    [InlineData("QN=20160801085857223;ST=22;CN=2051;PW=1;MN=M1;Flag=N;CP=&&&&", "is not an integer 0..255")]
    [InlineData("QN=20160801085857223;ST=22;CN=2051;PW=1;MN=M1;Flag=256;CP=&&&&", "is not an integer 0..255")]
    [InlineData("QN=20160801085857223;ST=22;CN=2051;PW=1;MN=M1;Flag=6;PNUM=2;PNO=3;CP=&&&&", "are not 1 <= PNO <= PNUM")]
    [InlineData("QN=20160801085857223;ST=22;CN=2051;PW=1;MN=M1;Flag=6;PNUM=2;CP=&&&&", "are not 1 <= PNO <= PNUM")]
    [InlineData("QN=20160801085857223;ST=22;ST=22;CN=2051;PW=1;MN=M1;Flag=4;CP=&&&&", "appears twice")]
    [InlineData("QN=20160801085857223;ST=22;junk;CN=2051;PW=1;MN=M1;Flag=4;CP=&&&&", "is not key=value")]
    [InlineData("QN=20160801085857223;ST=22;CN=2051;PW=1;MN=M1;Flag=4;CP=&&a=1", "CP has no closing &&")]
    [InlineData("QN=20160801085857223;ST=22;CN=2051;PW=1;MN=M1;Flag=4;CP=&&a21026-Rtd=1&&x", "bytes follow the closing &&")]
    public void MalformedHeadersAreBadSegments(string segment, string message)
    {
        var error = Hj212SegmentReader.Validate(Encoding.UTF8.GetBytes(segment), out _);
        Assert.NotNull(error);
        Assert.Equal(Hj212ErrorCode.BadSegment, error.Code);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CP=&&DataTime=20161301000000&&", Hj212ErrorCode.BadField, "DataTime")]
    [InlineData("CP=&&DataTime=2016080100000&&", Hj212ErrorCode.BadField, "DataTime")]
    [InlineData("CP=&&a21026-Avg=1.2.3&&", Hj212ErrorCode.BadField, "a21026-Avg")]
    [InlineData("CP=&&a21026-Avg=abc,a21026-Flag=N&&", Hj212ErrorCode.BadField, "a21026-Avg")]
    [InlineData("CP=&&RtdInterval=thirty&&", Hj212ErrorCode.BadField, "RtdInterval")]
    [InlineData("CP=&&a21026-SampleTime=2016&&", Hj212ErrorCode.BadField, "a21026-SampleTime")]
    [InlineData("CP=&&a21026-Avg&&", Hj212ErrorCode.BadSegment, "not key=value")]
    [InlineData("CP=&&=5&&", Hj212ErrorCode.BadSegment, "empty key")]
    [InlineData("CP=&&i11001-Info=//open&&", Hj212ErrorCode.BadSegment, "no closing //")]
    [InlineData("CP=&&i11001-Info=//log// tail&&", Hj212ErrorCode.BadSegment, "text follows")]
    public void MalformedItemsAreReportedWithTheirKey(string cp, Hj212ErrorCode code, string key)
    {
        var segment = Encoding.UTF8.GetBytes(Head + cp);
        var error = Hj212SegmentReader.Validate(segment, out _);
        Assert.NotNull(error);
        Assert.Equal(code, error.Code);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.InRange(error.Offset, Head.Length, segment.Length);
    }

    [Theory]
    [InlineData("CP=&&&&", Hj212Warnings.None)]
    [InlineData("CP=&& &&", Hj212Warnings.None)]
    [InlineData("CP=&&a21026-Avg=,a21026-Flag=N&&", Hj212Warnings.None)]
    [InlineData("CP=&&a21026-Avg=-1.5e-3&&", Hj212Warnings.None)]
    [InlineData("CP=&&a21026-Avg=1;;a21004-Avg=2&&", Hj212Warnings.EmptyItem)]
    [InlineData("CP=&&a21026-Avg=1;&&", Hj212Warnings.EmptyItem)]
    [InlineData("CP=&&a21026-flag=N&&", Hj212Warnings.KeyCase)]
    [InlineData("CP=&&a21026-Flag=Q&&", Hj212Warnings.UnknownDataFlag)]
    [InlineData("CP=&&a21026-Xyz=1&&", Hj212Warnings.UnknownSuffix)]
    [InlineData("CP=&&O3-Rtd=1&&", Hj212Warnings.UnknownCode)]
    [InlineData("CP=&&011-Rtd=1&&", Hj212Warnings.UnknownCode)]
    [InlineData("CP=&&DataTime=20160801000000000&&", Hj212Warnings.LongTime)]
    [InlineData("CP=&&i11001-Info=//a;b,c=d//;PolId=w01018&&", Hj212Warnings.None)]
    public void ToleratedOdditiesAreNamed(string cp, Hj212Warnings expected)
    {
        var error = Hj212SegmentReader.Validate(Encoding.UTF8.GetBytes(Head + cp), out var warnings);
        Assert.Null(error);
        Assert.Equal(expected, warnings);
    }

    [Fact]
    public void ANumberIsAcceptedExactlyWhenItHasTheSyntaxOfOneAndFitsADecimal()
    {
        // The reference is a plain reading of the grammar, and the range of decimal, into which values are parsed
        // (1e60 is a number, but not one we can keep exactly).
        static bool Reference(string text) => System.Text.RegularExpressions.Regex.IsMatch(text, @"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$")
            && decimal.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);
        Gen.String[Gen.Char["0123456789.-+eE"], 1, 24].Sample(value =>
        {
            var segment = Encoding.ASCII.GetBytes(Head + "CP=&&a21026-Avg=" + value + ",a21026-Flag=N;a21004-Avg=1.5&&");
            var error = Hj212SegmentReader.Validate(segment, out _);
            return (error is null) == Reference(value) && (error is null || error.Code == Hj212ErrorCode.BadField);
        }, iter: 20000);
    }

    [Fact]
    public void ItemsAreGroupedBySemicolonsAndSplitIntoCodeAndSuffix()
    {
        var reader = new Hj212SegmentReader(Encoding.UTF8.GetBytes(Head + "CP=&&DataTime=20160801085800;a21026-Avg= 12.3 ,a21026-Flag=N;i11001-Info=//x;y//&&"));
        Assert.True(reader.TryReadHeader(out var header, out _));
        Assert.Equal("010000A8900016F000169DC0", Encoding.ASCII.GetString(header.Mn));
        Assert.Equal(Hj212Version.V2017, header.Version);
        var items = new List<(int, string, string, string, string)>();
        while (reader.Read(out var item, out _) == Hj212ItemStatus.Item)
        {
            items.Add((item.Group, Encoding.UTF8.GetString(item.Key), Encoding.UTF8.GetString(item.Code),
                Encoding.UTF8.GetString(item.Suffix), Encoding.UTF8.GetString(item.Value)));
        }

        Assert.Equal(
        [
            (0, "DataTime", "DataTime", "", "20160801085800"),
            (1, "a21026-Avg", "a21026", "Avg", "12.3"),
            (1, "a21026-Flag", "a21026", "Flag", "N"),
            (2, "i11001-Info", "i11001", "Info", "//x;y//"),
        ], items);
    }

    [Theory]
    [InlineData("ST=32;CN=2011;PW=1;MN=M1;CP=&&&&", Hj212Version.V2005)]
    [InlineData("ST=32;CN=2011;PW=1;MN=M1;Flag=1;CP=&&&&", Hj212Version.V2005)]
    [InlineData("QN=20160801085857223;ST=32;CN=2011;PW=1;MN=M1;Flag=5;CP=&&&&", Hj212Version.V2017)]
    [InlineData("QN=20160801085857223;ST=21;CN=9015;PW=1;MN=M1;Flag=9;CP=&&&&", Hj212Version.V2025)]
    public void TheVersionComesFromTheFlagBits(string segment, Hj212Version version)
    {
        var reader = new Hj212SegmentReader(Encoding.UTF8.GetBytes(segment));
        Assert.True(reader.TryReadHeader(out var header, out var error), error?.Message);
        Assert.Equal(version, header.Version);
        Assert.Equal(Hj212Warnings.None, reader.Warnings);
    }

    [Fact]
    public void AStreamKeyCacheNeverChangesWhatIsRead()
    {
        // Frames of one stream whose keys mostly repeat, sometimes change, move, gain spaces, lose their '=' or get
        // a longer twin ("a21026-Avg" then "a21026-Avgx"), shorter than a word or longer than two ("Leq",
        // "a34004-SampleTime"): read with one cache across the frames, and without any,
        // every item and error must be the same.
        var item = Gen.OneOf<string>("a21026-Avg=1.5", "a21026-Avgx=2", "a21026-Avg =3", " a21026-Avg=4", "a21004-Flag=N",
            "a21004-Flag", "DataTime=20160801085857", "a01001-Rtd=-1.5", "i12001-Info=//a;b//", "", "a21026-Avg=x",
            "Leq=56.1", "Leqx=1", "a34004-SampleTime=20160801085857", "a34004-SampleTimes=20160801085857");
        var cp = Gen.Select(item.Array[0, 8], Gen.OneOf<string>(";", ",")).Select((items, separator) => string.Join(separator, items));
        cp.Array[1, 6].Sample(frames =>
        {
            var cache = new Hj212KeyCache();
            return frames.All(frame =>
            {
                var segment = Encoding.UTF8.GetBytes(Head + "CP=&&" + frame + "&&");
                return Read(segment, cache) == Read(segment, null);
            });
        }, iter: 3000);
    }

    private static string Read(byte[] segment, Hj212KeyCache? cache)
    {
        var reader = new Hj212SegmentReader(segment, cache);
        var text = new StringBuilder();
        if (!reader.TryReadHeader(out _, out var error))
        {
            return "header " + error!.Message;
        }

        Hj212ItemStatus status;
        while ((status = reader.Read(out var item, out error)) == Hj212ItemStatus.Item)
        {
            reader.TryCheckValue(item, out var valueError);
            text.Append(CultureInfo.InvariantCulture, $"{Encoding.UTF8.GetString(item.Key)}|{Encoding.UTF8.GetString(item.Code)}|")
                .Append(CultureInfo.InvariantCulture, $"{Encoding.UTF8.GetString(item.Suffix)}|{Encoding.UTF8.GetString(item.Value)}|")
                .Append(CultureInfo.InvariantCulture, $"{item.Group}|{item.Kind}|{item.Offset}|{valueError?.Message};");
        }

        return text.Append(CultureInfo.InvariantCulture, $"{status} {error?.Message} {reader.Warnings}").ToString();
    }
}
