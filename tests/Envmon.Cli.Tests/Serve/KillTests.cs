using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Envmon.Cli.Tests.Support;
using Envmon.Testing;

namespace Envmon.Cli.Tests.Serve;

/// <summary>
/// A real <c>envmon serve</c> process under load, killed with SIGKILL at a random moment, twice: after each restart
/// every reading whose frame got a 9014 is in the store exactly once, and the archive chain verifies.
/// </summary>
public sealed class KillTests : IDisposable
{
    private const int Stations = 20;
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(8));
    private readonly string _data = Directory.CreateTempSubdirectory("envmon-kill-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private static string Mn(int i) => $"41010{i:D2}KILL";

    [Fact]
    public async Task EveryAcknowledgedReadingSurvivesSigkillExactlyOnce()
    {
        var csv = new StringBuilder("mn,password,name,network,city_code,lat,lon\n");
        for (var i = 0; i < Stations; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{Mn(i)},123456,站{i},national_air,410100,34.7,113.6\n");
        }

        await File.WriteAllTextAsync(Path.Combine(_data, "stations.csv"), csv.ToString(), TestContext.Current.CancellationToken);
        Assert.Equal(0, (await CliRunner.RunAsync("stations", "import", Path.Combine(_data, "stations.csv"), "--data", _data)).ExitCode);

        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<(string Mn, int Minute)>();
        var next = new int[Stations];
        for (var round = 0; round < 2; round++)
        {
            using var server = await EnvmonProgram.BuildOutput.StartServerAsync(_data, "serve");
            using var stop = new CancellationTokenSource();
            var load = Enumerable.Range(0, Stations).Select(i => Task.Run(() => SendUntilKilledAsync(server.Hj212, i, next, acknowledged, stop.Token))).ToArray();
            var delay = Random.Shared.Next(500, 2500);
            TestContext.Current.TestOutputHelper?.WriteLine($"round {round}: SIGKILL after {delay} ms");
            await Task.Delay(delay, TestContext.Current.CancellationToken);
            await server.KillAsync();
            await Task.WhenAll(load);
            await stop.CancelAsync();
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{acknowledged.Count} readings acknowledged");
        Assert.NotEmpty(acknowledged);
        var export = await CliRunner.RunAsync("readings", "export", "--data", _data, "--kind", "minute");
        Assert.Equal(0, export.ExitCode);
        var stored = export.Lines.Skip(1).Select(line => line.Split(',')).Where(f => f[1] == "PM2.5")
            .Select(f => (Mn: f[0], Time: DateTimeOffset.Parse(f[3], CultureInfo.InvariantCulture), Value: double.Parse(f[4], CultureInfo.InvariantCulture)))
            .ToList();
        Assert.Equal(stored.Count, stored.Select(s => (s.Mn, s.Time)).Distinct().Count());
        var byKey = stored.ToDictionary(s => (s.Mn, s.Time), s => s.Value);
        foreach (var (mn, minute) in acknowledged)
        {
            Assert.True(byKey.TryGetValue((mn, Start.AddMinutes(minute)), out var value), $"{mn} minute {minute} was acknowledged but is not stored");
            Assert.Equal(Value(minute), value);
        }

        var verify = await CliRunner.RunAsync("verify", "--data", _data);
        Assert.True(verify.ExitCode == 0, verify.Error + verify.Text);
    }

    private static double Value(int minute) => 10 + (minute % 50);

    // One station: uploads minute after minute, each waiting for its 9014, until the link breaks.
    private static async Task SendUntilKilledAsync(
        IPEndPoint endpoint, int station, int[] next, System.Collections.Concurrent.ConcurrentBag<(string, int)> acknowledged, CancellationToken stop)
    {
        try
        {
            using var link = await StationLink.ConnectAsync(endpoint, stop);
            while (!stop.IsCancellationRequested)
            {
                var minute = next[station];
                if (!await link.UploadAsync(Uploads.Minute(Mn(station), "123456", Start.AddMinutes(minute), (decimal)Value(minute)), stop))
                {
                    return;
                }

                acknowledged.Add((Mn(station), minute));
                next[station] = minute + 1;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            // The server was killed.
        }
    }
}
