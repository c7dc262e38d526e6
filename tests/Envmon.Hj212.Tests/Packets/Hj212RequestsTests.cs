using Envmon.Hj212.Packets;
using Envmon.Hj212.Tests.Support;

namespace Envmon.Hj212.Tests.Packets;

/// <summary>Every downlink request: its command, its CP, and that it survives encoding (HJ 212-2017 §7, table C).</summary>
public sealed class Hj212RequestsTests
{
    private static readonly Hj212Target Air = new("010000A8900016F000169DC0", "123456", "22", Hj212Version.V2017);
    private static readonly DateTimeOffset Qn = new(2026, 3, 1, 9, 0, 0, 123, Hj212Time.BeijingOffset);
    private static readonly DateTimeOffset Begin = new(2026, 3, 1, 0, 0, 0, Hj212Time.BeijingOffset);

    public static TheoryData<string, string, string> Requests => new()
    {
        { "GetTime", "1011", "" },
        { "GetTime(PolId)", "1011", "PolId=a21026" },
        { "SetTime", "1012", "SystemTime=20260301090000" },
        { "GetRealTimeInterval", "1061", "" },
        { "SetRealTimeInterval", "1062", "RtdInterval=60" },
        { "GetMinuteInterval", "1063", "" },
        { "SetMinuteInterval", "1064", "MinInterval=5" },
        { "SetPassword", "1072", "NewPW=654321" },
        { "StartRealTimeData", "2011", "" },
        { "StopRealTimeData", "2012", "" },
        { "StartRunningState", "2021", "" },
        { "StopRunningState", "2022", "" },
        { "RecallHours", "2061", "BeginTime=20260301000000;EndTime=20260301090000" },
        { "RecallDays", "2031", "BeginTime=20260301000000;EndTime=20260301090000" },
        { "Calibrate", "3011", "PolId=a21026" },
        { "SampleNow", "3012", "PolId=w01018" },
        { "SetSamplingPeriod", "3016", "PolId=w01018;CstartTime=020000;Ctime=4" },
        { "GetSamplingPeriod", "3017", "PolId=w01018" },
        { "GetInstrumentId", "3019", "PolId=a21026" },
        { "GetLog", "3020", "PolId=a21026;InfoId=i11001;BeginTime=20260301000000;EndTime=20260301090000" },
        { "GetState", "3020", "PolId=a21026;InfoId=i12001" },
        { "SetParameter", "3021", "PolId=w01018;i13004-Info=120" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void EachRequestCarriesItsCommandAndFields(string name, string cn, string cp)
    {
        var request = Create(name);
        Assert.Equal((cn, "22", Air.Mn, Air.Password, 5), (request.Cn, request.St, request.Mn, request.Password, request.Flag));
        Assert.Equal("20260301090000123", request.Qn);
        Assert.Equal(cp, string.Join(';', request.Fields.Select(f => f.Key + "=" + f.Value)));
        var decoded = Decode.Frame(Hj212Encoder.EncodeFrame(request));
        Assert.Equal(request.Fields, decoded.Fields);
        Assert.Equal(Hj212Warnings.None, decoded.Warnings);
    }

    [Fact]
    public void OutOfRangeSettingsAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Hj212Requests.SetRealTimeInterval(Air, Qn, 29));
        Assert.Throws<ArgumentOutOfRangeException>(() => Hj212Requests.SetMinuteInterval(Air, Qn, 7));
        Assert.Throws<ArgumentOutOfRangeException>(() => Hj212Requests.SetTimeoutAndRetries(Air, Qn, 100, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Hj212Requests.Recall(Air, Qn, "2011", Begin, Begin));
        Assert.Throws<ArgumentException>(() => Hj212Requests.Recall(Air, Qn, "2061", Begin, Begin.AddHours(-1)));
        Assert.Throws<ArgumentException>(() => Hj212Requests.GetInstrumentId(Air with { Version = Hj212Version.V2005 }, Qn, "a21026"));
    }

    private static Hj212Packet Create(string name) => name switch
    {
        "GetTime" => Hj212Requests.GetTime(Air, Qn),
        "GetTime(PolId)" => Hj212Requests.GetTime(Air, Qn, "a21026"),
        "SetTime" => Hj212Requests.SetTime(Air, Qn, Qn),
        "GetRealTimeInterval" => Hj212Requests.GetRealTimeInterval(Air, Qn),
        "SetRealTimeInterval" => Hj212Requests.SetRealTimeInterval(Air, Qn, 60),
        "GetMinuteInterval" => Hj212Requests.GetMinuteInterval(Air, Qn),
        "SetMinuteInterval" => Hj212Requests.SetMinuteInterval(Air, Qn, 5),
        "SetPassword" => Hj212Requests.SetPassword(Air, Qn, "654321"),
        "StartRealTimeData" => Hj212Requests.StartRealTimeData(Air, Qn),
        "StopRealTimeData" => Hj212Requests.StopRealTimeData(Air, Qn),
        "StartRunningState" => Hj212Requests.StartRunningState(Air, Qn),
        "StopRunningState" => Hj212Requests.StopRunningState(Air, Qn),
        "RecallHours" => Hj212Requests.Recall(Air, Qn, "2061", Begin, Qn),
        "RecallDays" => Hj212Requests.Recall(Air, Qn, "2031", Begin, Qn),
        "Calibrate" => Hj212Requests.Calibrate(Air, Qn, "a21026"),
        "SampleNow" => Hj212Requests.SampleNow(Air, Qn, "w01018"),
        "SetSamplingPeriod" => Hj212Requests.SetSamplingPeriod(Air, Qn, "w01018", new TimeOnly(2, 0), 4),
        "GetSamplingPeriod" => Hj212Requests.GetSamplingPeriod(Air, Qn, "w01018"),
        "GetInstrumentId" => Hj212Requests.GetInstrumentId(Air, Qn, "a21026"),
        "GetLog" => Hj212Requests.GetInformation(Air, Qn, "a21026", "i11001", Begin, Qn),
        "GetState" => Hj212Requests.GetInformation(Air, Qn, "a21026", "i12001"),
        "SetParameter" => Hj212Requests.SetParameter(Air, Qn, "w01018", "i13004", "120"),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
