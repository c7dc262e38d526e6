using Envmon.Monitoring.Parameters;
using Envmon.Monitoring.Stations;
using Envmon.Storage.Stations;
using Envmon.Storage.Tests.Support;

namespace Envmon.Storage.Tests.Stations;

public sealed class StationCsvTests
{
    private const string Header = "mn,password,name,network,city_code,lat,lon,noise_zone,factors";

    private static StationCsv.ImportResult Import(params string[] rows)
        => StationCsv.Read(new StringReader(string.Join('\n', [Header, .. rows])), passwordIterations: 10);

    [Fact]
    public void AGoodFileImportsEveryStationWithItsProfile()
    {
        var result = Import(
            "410100A01,123456,烟厂,national_air,410100,34.76122,113.69031,,a21005:CO:ppm",
            "\"410100N01\",654321,\"郑州, 文化路\",noise,410100,34.8,113.6,4a,");
        Assert.True(result.Success);
        Assert.Equal(["410100A01", "410100N01"], result.Stations.Select(s => s.Mn));
        var air = result.Stations[0];
        Assert.True(air.Password.Verify("123456"u8));
        Assert.False(air.Password.Verify("123457"u8));
        Assert.Equal(new FactorMapping("a21005", "CO", Unit.Ppm), Assert.Single(air.Profile.Factors));
        Assert.True(air.CountsForCity);
        Assert.Equal("410000", air.ProvinceCode);
        Assert.Equal("郑州, 文化路", result.Stations[1].Name);
        Assert.Equal(NoiseZone.Class4A, result.Stations[1].NoiseZone);
    }

    [Fact]
    public void OneBadRowRejectsTheWholeFileAndEveryBadRowIsNamed()
    {
        var result = Import(
            "410100A01,123456,烟厂,national_air,410100,34.7,113.6,,",
            "410100A02,123456,X,airport,410100,34.7,113.6,,",
            "410100A03,123456,Y,national_air,4101,95,113.6,,",
            "410100A01,123456,Z,national_air,410100,34.7,113.6,,",
            "410100N01,1,N,noise,410100,34.7,113.6,,");
        Assert.False(result.Success);
        Assert.Empty(result.Stations);
        Assert.Equal([3, 4, 5, 6], result.Errors.Select(e => e.Line));
        Assert.Contains("network \"airport\"", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("city_code \"4101\"", result.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("lat 95", result.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("also on line 2", result.Errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("noise_zone", result.Errors[3].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mn,name,network,city_code,lat,lon", "password")]
    [InlineData("mn,password,name,city_code,lat", "network, lon")]
    public void AHeaderWithoutARequiredColumnIsRejected(string header, string missing)
    {
        var result = StationCsv.Read(new StringReader(header + "\n"));
        Assert.Contains(missing, Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportedStationsImportAgainUnchangedAndTheStoreKeepsThem()
    {
        var stations = Import("410100A01,123456,烟厂,township_air,410100,34.76122,113.69031,,a21005:CO:ppm a34004:PM2.5").Stations;
        var csv = new StringWriter();
        StationCsv.Write(csv, stations);
        Assert.DoesNotContain("123456", csv.ToString(), StringComparison.Ordinal);
        var again = StationCsv.Read(new StringReader(csv.ToString())).Stations;
        Assert.Equal(StationFields.ToFields(stations[0]), StationFields.ToFields(again[0]));
        Assert.True(again[0].Password.Verify("123456"u8));

        using var store = new TemporaryStore();
        store.Store.SaveStations(again);
        store.Reopen();
        Assert.Equal(StationFields.ToFields(stations[0]), StationFields.ToFields(Assert.Single(store.Store.Stations())));
    }

    [Fact]
    public void ARowWithTooFewOrTooManyFieldsIsNamedByTheLineItStartsOn()
    {
        var result = Import(
            "410100A01,123456,\"烟厂\n(老站)\",national_air,410100,34.7,113.6,,",
            "410100A02,123456,X,national_air,410100,34.7",
            "  410100A03 ,123456,Y,national_air,410100,34.7,113.6,,,extra");
        Assert.Equal([(4, "410100A02", "the row has 6 fields, the header 9"), (5, "410100A03", "the row has 10 fields, the header 9")],
            result.Errors.Select(e => (e.Line, e.Mn, e.Message)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    public void AFileWithoutAHeaderIsRejected(string text)
        => Assert.Equal("the file has no header row", Assert.Single(StationCsv.Read(new StringReader(text)).Errors).Message);
}
