using System.Net;
using System.Text;
using Envmon.Hj212.Packets;
using Envmon.Monitoring.Readings;
using Envmon.Server.Tests.Support;
using Envmon.Storage;
using Envmon.Storage.Readings;
using Microsoft.Extensions.DependencyInjection;

namespace Envmon.Server.Tests.Ingestion;

/// <summary>The gateway over real sockets, against a real server and store.</summary>
public sealed class GatewayTests
{
    private static readonly DateTimeOffset Minute = new(2026, 12, 1, 8, 0, 0, TimeSpan.FromHours(8));
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(1);

    private static EnvmonStore Store(RunningServer server) => server.Server.Services.GetRequiredService<EnvmonStore>();

    [Fact]
    public async Task AnUploadIsAnsweredWith9014OnlyOnceItsReadingsAreStored()
    {
        await using var server = await RunningServer.StartAsync();
        await using var station = await FakeStation.ConnectAsync(server);
        var upload = FakeStation.MinuteUpload(Minute, 35.5m);
        await station.SendAsync(upload);
        var reply = await station.ReceiveAsync(Wait);
        Assert.NotNull(reply);
        Assert.Equal(("9014", upload.Qn, "91", 4), (reply.Cn, reply.Qn, reply.St, reply.Flag));

        // The reply came, so the readings are already durable: no waiting here.
        var readings = Store(server).Readings(new ReadingQuery(Mn: RunningServer.Mn)).Select(r => r.Reading).ToList();
        Assert.Equal(["CO", "PM2.5"], readings.Select(r => r.Parameter));
        Assert.All(readings, r => Assert.Equal((DataKind.Minute, Minute), (r.Kind, r.Time)));
        Assert.Equal([0.8, 35.5], readings.Select(r => r.Value!.Value));
        Assert.True(Store(server).VerifyArchive().Intact);
    }

    [Fact]
    public async Task ABadChecksumGetsNoAnswerAndTheConnectionGoesOnServing()
    {
        await using var server = await RunningServer.StartAsync();
        await using var station = await FakeStation.ConnectAsync(server);
        var bad = Hj212Encoder.EncodeFrame(FakeStation.MinuteUpload(Minute, 10m));
        bad[^6] = bad[^6] == (byte)'0' ? (byte)'1' : (byte)'0';
        var good = FakeStation.MinuteUpload(Minute.AddMinutes(1), 11m);
        await station.SendAsync([.. bad, .. Encoding.ASCII.GetBytes("garbage\r\n"), .. Hj212Encoder.EncodeFrame(good)]);
        var reply = await station.ReceiveAsync(Wait);
        Assert.Equal(good.Qn, reply?.Qn);
        var stored = Assert.Single(Store(server).Readings(new ReadingQuery(Parameter: "PM2.5")));
        Assert.Equal(11, stored.Reading.Value);
        Assert.Equal(3, Store(server).ArchiveCount);
        Assert.Equal("crc-mismatch", Store(server).ArchivedFrame(0)!.Outcome);
        Assert.Equal("no-header", Store(server).ArchivedFrame(1)!.Outcome);
    }

    [Theory]
    [InlineData(RunningServer.Mn, "000000", "wrong-pw")]
    [InlineData("410100A9999", RunningServer.Password, "unknown-mn")]
    public async Task AStationThatFailsAuthenticationIsNotAnsweredAndNothingIsStored(string mn, string password, string outcome)
    {
        await using var server = await RunningServer.StartAsync();
        await using var station = await FakeStation.ConnectAsync(server);
        await station.SendAsync(FakeStation.MinuteUpload(Minute, 35m, mn, password));
        Assert.Null(await station.ReceiveAsync(Short));
        Assert.Empty(Store(server).Readings(new ReadingQuery()));
        Assert.Equal(outcome, Store(server).ArchivedFrame(0)!.Outcome);
        Assert.DoesNotContain(password, Encoding.ASCII.GetString(Store(server).ArchivedFrame(0)!.Bytes).Replace("PW=" + password, "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepeatedAuthenticationFailuresFromOneAddressCloseTheConnectionAndRefuseTheAddress()
    {
        await using var server = await RunningServer.StartAsync(maxAuthFailures: 3);
        await using (var station = await FakeStation.ConnectAsync(server))
        {
            for (var i = 0; i < 3; i++)
            {
                await station.SendAsync(FakeStation.MinuteUpload(Minute.AddMinutes(i), 1m, password: "000000"));
            }

            Assert.True(await station.ClosedWithinAsync(Wait));
        }

        await using var again = await FakeStation.ConnectAsync(server);
        Assert.True(await again.ClosedWithinAsync(Wait));
    }

    [Fact]
    public async Task AResendIsStoredOnceAndADifferentValueForTheSameMinuteIsKeptAsARevision()
    {
        await using var server = await RunningServer.StartAsync();
        await using var station = await FakeStation.ConnectAsync(server);
        foreach (var value in new[] { 35m, 35m, 12m })
        {
            await station.SendAsync(FakeStation.MinuteUpload(Minute, value));
            Assert.NotNull(await station.ReceiveAsync(Wait));
        }

        var stored = Assert.Single(Store(server).Readings(new ReadingQuery(Parameter: "PM2.5")));
        Assert.Equal(35, stored.Reading.Value);
        Assert.True(stored.Revised);
        Assert.Equal(1, Store(server).RevisionCount());
    }

    [Fact]
    public async Task ASenderThatStopsInTheMiddleOfAFrameIsClosed()
    {
        await using var server = await RunningServer.StartAsync();
        await using var station = await FakeStation.ConnectAsync(server);
        await station.SendAsync(Encoding.ASCII.GetBytes("##0101QN=2026"));
        Assert.True(await station.ClosedWithinAsync(Wait));
    }

    [Fact]
    public async Task StationsAreImportedThroughTheApiAllOrNothing()
    {
        await using var server = await RunningServer.StartAsync();
        using var http = server.Client(server.AdminToken);
        const string Header = "mn,password,name,network,city_code,lat,lon\n";
        using var bad = new StringContent(Header + "S1,1,A,national_air,410100,34,113\nS2,1,B,nowhere,410100,34,113\n", Encoding.UTF8, "text/csv");
        var rejected = await http.PostAsync(new Uri("/api/v1/stations/import", UriKind.Relative), bad, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Contains("\"line\":3", await rejected.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.DoesNotContain("S1", await http.GetStringAsync(new Uri("/api/v1/stations/export", UriKind.Relative), TestContext.Current.CancellationToken), StringComparison.Ordinal);

        using var good = new StringContent(Header + "S1,1,A,national_air,410100,34,113\n", Encoding.UTF8, "text/csv");
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync(new Uri("/api/v1/stations/import", UriKind.Relative), good, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Contains("S1", await http.GetStringAsync(new Uri("/api/v1/stations/export", UriKind.Relative), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadingsExportAsCsvThroughTheApiAndHealthAndMetricsAnswer()
    {
        await using var server = await RunningServer.StartAsync();
        await using (var station = await FakeStation.ConnectAsync(server))
        {
            await station.SendAsync(FakeStation.MinuteUpload(Minute, 35m));
            Assert.NotNull(await station.ReceiveAsync(Wait));
        }

        using var http = server.Client(server.AdminToken);
        var csv = await http.GetStringAsync(new Uri("/api/v1/readings/export?parameter=PM2.5&kind=minute", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal($"mn,parameter,kind,time,value,flag,revised\r\n{RunningServer.Mn},PM2.5,minute,2026-12-01T08:00:00+08:00,35,N,false\r\n", csv);
        Assert.Contains("\"status\":\"ok\"", await http.GetStringAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("envmon_gateway_frames", await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var badKind = await http.GetAsync(new Uri("/api/v1/readings/export?kind=weekly", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
    }

    [Fact]
    public async Task AStationIsOnlineWhileItsConnectionIsOpenAndOfflineOnceItCloses()
    {
        await using var server = await RunningServer.StartAsync();
        using var http = server.Client(server.AdminToken);
        async Task<int> OnlineAsync()
            => System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken))
                .RootElement.GetProperty("online").GetInt32();

        await using (var station = await FakeStation.ConnectAsync(server))
        {
            await station.SendAsync(FakeStation.MinuteUpload(DateTimeOffset.UtcNow.AddMinutes(-1), 30m));
            Assert.NotNull(await station.ReceiveAsync(Wait));
            Assert.Equal(1, await OnlineAsync());
        }

        for (var i = 0; i < 100 && await OnlineAsync() != 0; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Equal(0, await OnlineAsync());
    }
}
