using Envmon.Hj212.Codes;
using Envmon.Hj212.Packets;
using Envmon.Monitoring.Parameters;
using Envmon.Monitoring.Readings;
using Envmon.Monitoring.Stations;
using Envmon.Server.Ingestion;

namespace Envmon.Server.Tests.Ingestion;

/// <summary>A data upload's fields to readings: which suffix gives which value, order, units, and what is left out.</summary>
public sealed class PacketMapperTests
{
    private static readonly DateTimeOffset Time = new(2026, 12, 2, 8, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset Late = Time.AddDays(1);

    private static readonly Station Station = new()
    {
        Mn = "410100A0001",
        Password = StationPassword.Create("123456", iterations: 10),
        Name = "市监测站",
        Network = Network.NationalAir,
        CityCode = "410100",
        Latitude = 34.75,
        Longitude = 113.62,
    };

    private static Hj212Packet Upload(string cn, params (string Key, string Value)[] fields) => new()
    {
        Qn = "20261202080000000",
        St = Hj212SystemCodes.AmbientAir,
        Cn = cn,
        Password = "123456",
        Mn = Station.Mn,
        Flag = 5,
        Fields = [new Hj212Field(0, "DataTime", "20261202080000"), .. fields.Select((f, i) => new Hj212Field(1 + (i / 4), f.Key, f.Value))],
    };

    private static Reading Expected(string parameter, double? value, double? min, double? max, string flag, DataKind kind = DataKind.Minute)
        => new(Station.Mn, parameter, kind, Time, value, min, max, flag);

    [Fact]
    public void AFactorsFieldsNeedNotBeAdjacentAndReadingsComeInTheOrderTheirCodesFirstAppear()
    {
        var (readings, dropped) = PacketMapper.Map(
            Upload(Hj212Commands.MinuteData, ("a34004-Avg", "35"), ("a21026-Avg", "12.5"), ("a34004-Flag", "N"), ("a21026-Min", "10"),
                ("a21026-Max", "15"), ("a21026-Flag", "M"), ("a34004-Max", "40")),
            Station, DataKind.Minute, Late);

        Assert.Null(dropped);
        Assert.Equal([Expected("PM2.5", 35, null, 40, "N"), Expected("SO2", 12.5, 10, 15, "M")], readings);
    }

    [Theory]
    [InlineData(Hj212Commands.RealTimeData, 1.5)]
    [InlineData(Hj212Commands.MinuteData, 2.5)]
    public void RealTimeDataTakesRtdAndStatisticsTakeAvg(string cn, double value)
    {
        var kind = PacketMapper.KindOf(cn)!.Value;
        var (readings, _) = PacketMapper.Map(Upload(cn, ("a21026-Rtd", "1.5"), ("a21026-Avg", "2.5"), ("a21026-Flag", "N")), Station, kind, Late);

        Assert.Equal([Expected("SO2", value, null, null, "N", kind)], readings);
    }

    [Fact]
    public void SuffixesAreMatchedWithoutCaseAndTheFirstOfEachCounts()
    {
        var (readings, _) = PacketMapper.Map(
            Upload(Hj212Commands.MinuteData, ("a21026-avg", "7"), ("a21026-Avg", "8"), ("a21026-FLAG", "D"), ("a21026-Flag", "N")),
            Station, DataKind.Minute, Late);

        Assert.Equal([Expected("SO2", 7, null, null, "D")], readings);
    }

    [Fact]
    public void AFlagAloneIsAReadingWithoutValueAndAFactorWithNeitherIsNone()
    {
        var (readings, dropped) = PacketMapper.Map(
            Upload(Hj212Commands.MinuteData, ("a21026-Flag", "B"), ("a34004-Min", "3"), ("a34002-Avg", "60")),
            Station, DataKind.Minute, Late);

        Assert.Null(dropped);
        Assert.Equal([Expected("SO2", null, null, null, "B"), Expected("PM10", 60, null, null, "N")], readings);
    }

    [Fact]
    public void UnknownCodesAreLeftOutAndNamedInOrder()
    {
        var (readings, dropped) = PacketMapper.Map(
            Upload(Hj212Commands.MinuteData, ("x99999-Avg", "1"), ("a21026-Avg", "5"), ("a00000-Avg", "2"), ("x99999-Flag", "N")),
            Station, DataKind.Minute, Late);

        Assert.Equal([Expected("SO2", 5, null, null, "N")], readings);
        Assert.Equal("unknown factor codes a00000 x99999", dropped);
    }

    [Fact]
    public void TheStationsMappingChoosesTheParameterAndItsUnitIsConverted()
    {
        var station = Station with { Profile = new ProtocolProfile { Factors = [new FactorMapping("a99001", "CO", Unit.Ppm)] } };
        var factor = (double)UnitConversion.Factor(Unit.Ppm, ParameterCatalogue.Find("CO")!)!.Value;

        var (readings, _) = PacketMapper.Map(Upload(Hj212Commands.MinuteData, ("a99001-Avg", "2"), ("a99001-Max", "4")), station, DataKind.Minute, Late);

        var reading = Assert.Single(readings);
        Assert.Equal(("CO", 2 * factor, 4 * factor), (reading.Parameter, reading.Value!.Value, reading.Max!.Value));
    }

    [Fact]
    public void AnUploadWithoutDataTimeOrFromTheFutureGivesNoReadings()
    {
        var upload = Upload(Hj212Commands.MinuteData, ("a21026-Avg", "5"));

        var (undated, why) = PacketMapper.Map(upload with { Fields = [.. upload.Fields.Skip(1)] }, Station, DataKind.Minute, Late);
        Assert.Empty(undated);
        Assert.Equal("no valid DataTime", why);

        var (early, dropped) = PacketMapper.Map(upload, Station, DataKind.Minute, Time.AddMinutes(-1));
        Assert.Empty(early);
        Assert.Matches("^DataTime 2026-12-02T.* is in the future$", dropped);
    }
}
