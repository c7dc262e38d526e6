using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Envmon.Hj212;
using Envmon.Hj212.Packets;
using Envmon.Monitoring.Readings;
using Envmon.Server.Tests.Support;
using Envmon.Storage;
using Envmon.Storage.Readings;
using Microsoft.Extensions.DependencyInjection;

namespace Envmon.Server.Tests.Downlink;

/// <summary>Platform requests and gap recall (补数) over real sockets.</summary>
public sealed class DownlinkTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static Uri Api(string path) => new(path, UriKind.Relative);

    // A station is a target for requests once it has authenticated on its connection.
    private static async Task<FakeStation> ConnectedStationAsync(RunningServer server, DateTimeOffset minute)
    {
        var station = await FakeStation.ConnectAsync(server);
        await station.SendAsync(FakeStation.MinuteUpload(minute, 20m));
        Assert.Equal("9014", (await station.ReceiveAsync(Wait))?.Cn);
        return station;
    }

    private static Hj212Packet Answer(Hj212Packet request, string cn, string key, int code) => new()
    {
        Qn = request.Qn,
        St = "91",
        Cn = cn,
        Password = request.Password,
        Mn = request.Mn,
        Flag = 4,
        Fields = [new(0, key, code.ToString(CultureInfo.InvariantCulture))],
    };

    [Fact]
    public async Task ARequestWithoutAnswerIsSentAgainWithTheSameQnAndExecutesOnceAnswered()
    {
        await using var server = await RunningServer.StartAsync(gateway: g => g.RequestTimeout = TimeSpan.FromMilliseconds(300));
        await using var station = await ConnectedStationAsync(server, new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.FromHours(8)));
        using var http = server.Client(server.AdminToken);
        var call = http.PostAsync(Api($"/api/v1/stations/{RunningServer.Mn}/time"), null, TestContext.Current.CancellationToken);

        var first = await station.ReceiveRequestAsync(Wait);
        var again = await station.ReceiveRequestAsync(Wait);
        Assert.Equal(("1012", first!.Qn), (again?.Cn, again?.Qn));
        Assert.Equal(RunningServer.Password, again!.Password);
        await station.SendAsync(Answer(again, "9011", "QnRtn", 1));
        await station.SendAsync(Answer(again, "9012", "ExeRtn", 1));

        var result = await (await call).Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(("Executed", 2, first.Qn), (result.GetProperty("outcome").GetString(), result.GetProperty("attempts").GetInt32(), result.GetProperty("qn").GetString()));
    }

    [Theory]
    [InlineData(null, "NoAnswer", 3)]
    [InlineData(2, "Refused", 1)]
    public async Task ARequestThatIsNeverAnsweredOrRefusedSaysSo(int? qnRtn, string outcome, int attempts)
    {
        await using var server = await RunningServer.StartAsync(gateway: g =>
        {
            g.RequestTimeout = TimeSpan.FromMilliseconds(200);
            g.RequestRetries = 2;
        });
        await using var station = await ConnectedStationAsync(server, new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.FromHours(8)));
        using var http = server.Client(server.AdminToken);
        var call = http.PostAsync(Api($"/api/v1/stations/{RunningServer.Mn}/time"), null, TestContext.Current.CancellationToken);
        var request = await station.ReceiveRequestAsync(Wait);
        if (qnRtn is { } code)
        {
            await station.SendAsync(Answer(request!, "9011", "QnRtn", code));
        }

        var result = await (await call).Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal((outcome, attempts), (result.GetProperty("outcome").GetString(), result.GetProperty("attempts").GetInt32()));
    }

    [Fact]
    public async Task ARequestToAStationThatIsNotConnectedFailsAtOnce()
    {
        await using var server = await RunningServer.StartAsync();
        using var http = server.Client(server.AdminToken);
        var result = await (await http.PostAsync(Api($"/api/v1/stations/{RunningServer.Mn}/time"), null, TestContext.Current.CancellationToken))
            .Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("NotConnected", result.GetProperty("outcome").GetString());
        Assert.Equal(System.Net.HttpStatusCode.NotFound,
            (await http.PostAsync(Api("/api/v1/stations/NOSUCH/time"), null, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task AStationWithAGapIsAskedForItResendsAndTheGapClosesAndTheRecallIsRecorded()
    {
        await using var server = await RunningServer.StartAsync(gateway: g =>
        {
            g.RecallScanInterval = TimeSpan.FromMilliseconds(200);
            g.RecallSettle = TimeSpan.Zero;
            g.RecallLookback = TimeSpan.FromHours(1);
        });
        var now = DateTimeOffset.UtcNow;
        var t0 = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero).AddMinutes(-4);
        await using var station = await ConnectedStationAsync(server, t0);
        await station.SendAsync(FakeStation.MinuteUpload(t0.AddMinutes(3), 23m));
        Assert.Equal("9014", (await station.ReceiveAsync(Wait))?.Cn);

        var recall = await station.ReceiveRequestAsync(Wait);
        Assert.NotNull(recall);
        Assert.Equal(("2051", Hj212Time.Format(t0.AddMinutes(1)), Hj212Time.Format(t0.AddMinutes(2))),
            (recall.Cn, recall.Find("BeginTime")?.Value, recall.Find("EndTime")?.Value));
        await station.SendAsync(Answer(recall, "9011", "QnRtn", 1));
        foreach (var minute in new[] { 1, 2 })
        {
            await station.SendAsync(FakeStation.MinuteUpload(t0.AddMinutes(minute), 21m + minute - 1));
            Assert.Equal("9014", (await station.ReceiveAsync(Wait))?.Cn);
        }

        await station.SendAsync(Answer(recall, "9012", "ExeRtn", 1));
        var store = server.Server.Services.GetRequiredService<EnvmonStore>();
        var recorded = await EventuallyAsync(() => store.Recalls(RunningServer.Mn) is [.., var last] ? last : null);
        Assert.Equal(("gap", "executed", DataKind.Minute, t0.AddMinutes(1), t0.AddMinutes(2), 2, recall.Qn),
            (recorded.Reason, recorded.Outcome, recorded.Kind, recorded.Begin, recorded.End, recorded.Missing, recorded.Qn));
        var minutes = store.Readings(new ReadingQuery(RunningServer.Mn, "PM2.5", DataKind.Minute)).Select(r => r.Reading.Value!.Value);
        Assert.Equal([20.0, 21.0, 22.0, 23.0], minutes);
    }

    private static async Task<T> EventuallyAsync<T>(Func<T?> probe)
        where T : class
    {
        for (var i = 0; i < 100; i++)
        {
            if (probe() is { } value)
            {
                return value;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("the condition never held");
    }
}
