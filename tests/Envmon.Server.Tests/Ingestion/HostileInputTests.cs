using System.Text;
using Envmon.Hj212.Packets;
using Envmon.Server.Tests.Support;
using Envmon.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Envmon.Server.Tests.Ingestion;

/// <summary>Whatever one connection sends, the gateway goes on serving every other station; each case is counted.</summary>
public sealed class HostileInputTests
{
    private static readonly DateTimeOffset Minute = new(2026, 12, 1, 8, 0, 0, TimeSpan.FromHours(8));
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static EnvmonStore Store(RunningServer server) => server.Server.Services.GetRequiredService<EnvmonStore>();

    private static async Task AssertServedAsync(RunningServer server, int minute)
    {
        await using var good = await FakeStation.ConnectAsync(server);
        var upload = FakeStation.MinuteUpload(Minute.AddMinutes(minute), 30m);
        await good.SendAsync(upload);
        var reply = await good.ReceiveAsync(Wait);
        Assert.Equal(("9014", upload.Qn), (reply?.Cn, reply?.Qn));
    }

    private static async Task<string> MetricsAsync(RunningServer server)
    {
        using var http = server.Client(server.AdminToken);
        return await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task RandomBytesAreSkippedAndCountedWhileOtherStationsAreServed()
    {
        await using var server = await RunningServer.StartAsync();
        await using var hostile = await FakeStation.ConnectAsync(server);
        var noise = new byte[256 * 1024];
        new Random(212).NextBytes(noise);
        await hostile.SendAsync(noise);
        await AssertServedAsync(server, 0);

        // The noise went to the archive as skipped bytes; the same connection still accepts a good frame after it.
        var upload = FakeStation.MinuteUpload(Minute.AddMinutes(1), 31m);
        await hostile.SendAsync(Hj212Encoder.EncodeFrame(upload));
        Assert.Equal(upload.Qn, (await hostile.ReceiveAsync(Wait))?.Qn);
        Assert.Contains("envmon_gateway_frames_total{otel_scope_name=\"Envmon\",outcome=\"no-header\"}", await MetricsAsync(server), StringComparison.Ordinal);
        Assert.True(Store(server).VerifyArchive().Intact);
    }

    [Fact]
    public async Task AStreamOfNothingButBadFramesIsClosed()
    {
        await using var server = await RunningServer.StartAsync();
        await using var hostile = await FakeStation.ConnectAsync(server);
        await hostile.SendAsync(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("##00x0QN=1;CN=2051\r\n", 150))));
        Assert.True(await hostile.ClosedWithinAsync(Wait));
        await AssertServedAsync(server, 0);
    }

    [Fact]
    public async Task AnOversizeFrameIsRefusedWithoutBufferingItAndTheConnectionGoesOn()
    {
        await using var server = await RunningServer.StartAsync(gateway: g => g.MaxSegmentLength = 1024);
        await using var station = await FakeStation.ConnectAsync(server);
        var oversize = "##9000" + new string('x', 9000) + "ABCD\r\n";
        var upload = FakeStation.MinuteUpload(Minute, 32m);
        await station.SendAsync([.. Encoding.ASCII.GetBytes(oversize), .. Hj212Encoder.EncodeFrame(upload)]);
        Assert.Equal(upload.Qn, (await station.ReceiveAsync(Wait))?.Qn);
        Assert.Contains("outcome=\"too-long\"}", await MetricsAsync(server), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionsBeyondThePerAddressCapAreRefusedAndCounted()
    {
        await using var server = await RunningServer.StartAsync(gateway: g => g.MaxConnectionsPerAddress = 2);
        await using var first = await FakeStation.ConnectAsync(server);
        await using var second = await FakeStation.ConnectAsync(server);
        await using var third = await FakeStation.ConnectAsync(server);
        Assert.True(await third.ClosedWithinAsync(Wait));
        var upload = FakeStation.MinuteUpload(Minute, 33m);
        await first.SendAsync(upload);
        Assert.Equal(upload.Qn, (await first.ReceiveAsync(Wait))?.Qn);
        Assert.Contains("reason=\"address-limit\"}", await MetricsAsync(server), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFloodOfUploadsOnOneConnectionIsAnsweredInFullWhileOthersAreServed()
    {
        await using var server = await RunningServer.StartAsync();
        await using var flood = await FakeStation.ConnectAsync(server);
        const int Count = 1000;
        var frames = Enumerable.Range(0, Count).SelectMany(i => Hj212Encoder.EncodeFrame(FakeStation.MinuteUpload(Minute.AddMinutes(i), i))).ToArray();
        var sending = flood.SendAsync(frames);
        await AssertServedAsync(server, Count + 1);
        await sending;
        var answered = 0;
        while (answered < Count && await flood.ReceiveAsync(Wait) is { Cn: "9014" })
        {
            answered++;
        }

        Assert.Equal(Count, answered);
        Assert.Equal(Count + 1, Store(server).Readings(new Storage.Readings.ReadingQuery(Parameter: "PM2.5")).Count());
    }
}
