using System.Globalization;
using System.Text;
using CsCheck;
using Envmon.Hj212.Packets;
using Envmon.Hj212.Tests.Support;

namespace Envmon.Hj212.Tests.Packets;

public sealed class Hj212EncoderTests
{
    private static readonly Hj212Target Station2017 = new("010000A8900016F000169DC0", "123456", "32", Hj212Version.V2017);
    private static readonly DateTimeOffset Qn = new(2016, 8, 1, 8, 58, 57, 223, Hj212Time.BeijingOffset);

    [Theory]
    [InlineData(8, 10)]
    [InlineData(41, 42)]
    public void TheDataAnswerIsTheOneTheStandardPrints(int upload, int answer)
    {
        var reply = Hj212Replies.DataAnswer(Decode.Frame(SampleFrame.ById(upload).Bytes));
        Assert.Equal(Encoding.UTF8.GetString(SampleFrame.ById(answer).Bytes), Encoding.UTF8.GetString(Hj212Encoder.EncodeFrame(reply)));
    }

    [Fact]
    public void RequestAnswersAndResultsAreTheOnesTheStandardPrints()
    {
        var request = Decode.Frame(SampleFrame.ById(3).Bytes);
        Assert.Equal(SampleFrame.ById(4).Bytes, Hj212Encoder.EncodeFrame(Hj212Replies.RequestAnswer(request, Hj212RequestResult.Ready)));
        Assert.Equal(SampleFrame.ById(5).Bytes, Hj212Encoder.EncodeFrame(Hj212Replies.ExecutionResult(request, Hj212ExecutionResult.Success)));
    }

    [Fact]
    public void ATwoThousandFiveUploadIsAnsweredWithoutFlagAndQn()
    {
        var reply = Hj212Replies.DataAnswer(Decode.Frame(SampleFrame.ById(17).Bytes));
        Assert.Equal("ST=91;CN=9014;PW=000000;MN=LD130133000015;CP=&&&&", Encoding.ASCII.GetString(Hj212Encoder.EncodeSegment(reply)));
    }

    [Fact]
    public void DownlinkRequestsAreTheOnesTheStandardPrints()
    {
        var target = Station2017 with { Password = "100000" };
        Assert.Equal(SampleFrame.ById(1).Bytes, Hj212Encoder.EncodeFrame(Hj212Requests.SetRealTimeInterval(target, Qn, 30)));
        Assert.Equal(SampleFrame.ById(3).Bytes, Hj212Encoder.EncodeFrame(Hj212Requests.SetTimeoutAndRetries(Station2017, Qn, 5, 3)));
        var begin = new DateTimeOffset(2016, 8, 1, 8, 40, 0, Hj212Time.BeijingOffset);
        Assert.Equal(SampleFrame.ById(6).Bytes, Hj212Encoder.EncodeFrame(Hj212Requests.Recall(Station2017, Qn, "2051", begin, begin)));
        var qn2024 = new DateTimeOffset(2024, 6, 1, 8, 58, 57, 223, Hj212Time.BeijingOffset);
        Assert.Equal(SampleFrame.ById(13).Bytes,
            Hj212Encoder.EncodeFrame(Hj212Requests.SetTimeoutAndRetries(Station2017 with { Version = Hj212Version.V2025 }, qn2024, 5, 3)));
    }

    [Fact]
    public void TheSamplingPeriodCommandFollowsTheStationsVersion()
    {
        var start = new TimeOnly(2, 0);
        Assert.Equal("3016", Hj212Requests.SetSamplingPeriod(Station2017, Qn, "w01018", start, 4).Cn);
        var old = Hj212Requests.SetSamplingPeriod(Station2017 with { Version = Hj212Version.V2005 }, Qn, "w01018", start, 4);
        Assert.Equal(("3014", 1), (old.Cn, old.Flag));
        Assert.Throws<ArgumentException>(() => Hj212Requests.SetMinuteInterval(Station2017 with { Version = Hj212Version.V2005 }, Qn, 5));
    }

    [Fact]
    public void TimeCalibrationCarriesTheTimeInBeijingTime()
    {
        var request = Hj212Requests.SetTime(Station2017, Qn, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal("20260101080000", request.Find("SystemTime")!.Value.Value);
        Assert.Equal(request.Fields, Decode.Frame(Hj212Encoder.EncodeFrame(request)).Fields);
    }

    [Fact]
    public void AnyValidPacketEncodesAndDecodesToItself()
    {
        PacketGen.Sample(packet =>
        {
            var decoded = Decode.Frame(Hj212Encoder.EncodeFrame(packet));
            Assert.Equal((packet.Qn, packet.St, packet.Cn, packet.Mn, packet.Password, packet.Flag, packet.PacketCount, packet.PacketNumber),
                (decoded.Qn, decoded.St, decoded.Cn, decoded.Mn, decoded.Password, decoded.Flag, decoded.PacketCount, decoded.PacketNumber));
            Assert.Equal(packet.Fields, decoded.Fields);
        }, iter: 3000, print: Show);
    }

    [Fact]
    public void ALongPacketIsSplitIntoPartsThatReassembleIntoIt()
    {
        PacketGen.Where(p => p.Fields.Count > 0 && p.Flag is not null && p.PacketCount is null).Sample(packet =>
        {
            var withTime = WithDataTime(packet);
            var parts = Hj212Encoder.Split(withTime, 160);
            var assembler = new Hj212SplitAssembler(TimeProvider.System, TimeSpan.FromMinutes(1));
            Hj212Packet? whole = null;
            foreach (var part in parts.Reverse())
            {
                var decoded = Decode.Frame(Hj212Encoder.EncodeFrame(part));
                Assert.True(parts.Count == 1 || Hj212Encoder.EncodeSegment(part).Length <= 160 || part.Fields.Select(f => f.Group).Distinct().Count() <= 2);
                whole = assembler.Add(decoded, out _) ?? whole;
            }

            return whole is not null && whole.Fields.Select(f => (f.Key, f.Value)).SequenceEqual(withTime.Fields.Select(f => (f.Key, f.Value)));
        }, iter: 500, print: Show);
    }

    [Fact]
    public void PacketsThatCannotBeFramedAreRefusedWithAReason()
    {
        var packet = new Hj212Packet { St = "22", Cn = "2011", Mn = "M1", Fields = [new Hj212Field(0, "a21026-Rtd", "1;2")] };
        Assert.Contains("free of ';'", Hj212Encoder.Validate(packet), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Hj212Encoder.EncodeFrame(packet));
    }

    private static string Show(Hj212Packet packet) => Hj212Encoder.Validate(packet) ?? Encoding.UTF8.GetString(Hj212Encoder.EncodeFrame(packet));

    private static Hj212Packet WithDataTime(Hj212Packet packet) => packet with
    {
        Fields = [new Hj212Field(0, "DataTime", "20260101000000"), .. packet.Fields.Select(f => f with { Group = f.Group + 1 })],
    };

    private static Gen<string> Pick(params string[] items) => Gen.Int[0, items.Length - 1].Select(i => items[i]);

    private static readonly Gen<(string Key, string Value)> FieldGen = Gen.OneOf(
        from code in Pick("a21026", "a21005", "a34004", "w01018", "LA")
        from suffix in Pick("Rtd", "Avg", "Min", "Max", "Cou", "Data")
        from value in Gen.Decimal[-1_000_000m, 1_000_000m]
        select ($"{code}-{suffix}", value.ToString(CultureInfo.InvariantCulture)),
        from code in Pick("a21026", "w01018")
        from flag in Pick("N", "F", "M", "S", "D", "C", "T", "B")
        select ($"{code}-Flag", flag),
        from time in Gen.DateTime[new DateTime(2000, 1, 1), new DateTime(2099, 12, 31)]
        select ("DataTime", time.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)),
        from text in Gen.String[Gen.Char["abc;,=&中文 -"], 0, 20].Where(t => !t.Contains("&&", StringComparison.Ordinal) && !t.Contains('/', StringComparison.Ordinal))
        select ("i11001-Info", $"//{text}//"));

    /// <summary>Random packets that the encoder accepts: every value kind, logs with separators, split headers.</summary>
    internal static readonly Gen<Hj212Packet> PacketGen =
        from version in Gen.Enum<Hj212Version>()
        from reply in Gen.Bool
        from mn in Gen.String[Gen.Char["ABCDEF0123456789_"], 1, 24]
        from pw in Gen.String[Gen.Char["0123456789abcdef"], 0, 8].Null()
        from st in Pick("21", "22", "23", "31", "32", "91")
        from cn in Pick("2011", "2051", "2061", "2031", "9014", "3020")
        from qnTime in Gen.DateTime[new DateTime(2000, 1, 1), new DateTime(2099, 12, 31)]
        from split in Gen.Int[0, 3]
        from groups in Gen.Int[0, 12].SelectMany(n => FieldGen.Array[1, 4].Array[n, n])
        select new Hj212Packet
        {
            Qn = version == Hj212Version.V2005 && reply ? null : qnTime.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture),
            St = st,
            Cn = cn,
            Password = pw,
            Mn = mn,
            Flag = version == Hj212Version.V2005 && !reply ? null : Hj212Flag.Compose(version, reply, split > 0),
            PacketCount = split > 0 ? split + 1 : null,
            PacketNumber = split > 0 ? split : null,
            Fields = [.. groups.SelectMany((g, i) => g.Select(f => new Hj212Field(i, f.Key, f.Value)))],
        };

}
