using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Envmon.Cli.Tests.Support;
using Envmon.Hj212;
using Envmon.Hj212.Framing;
using Envmon.Hj212.Packets;

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
            using var server = await StartServerAsync();
            var endpoint = IPEndPoint.Parse(JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_data, "server.json"), TestContext.Current.CancellationToken))
                .RootElement.GetProperty("hj212").GetString()!);
            using var stop = new CancellationTokenSource();
            var load = Enumerable.Range(0, Stations).Select(i => Task.Run(() => SendUntilKilledAsync(endpoint, i, next, acknowledged, stop.Token))).ToArray();
            var delay = Random.Shared.Next(500, 2500);
            TestContext.Current.TestOutputHelper?.WriteLine($"round {round}: SIGKILL after {delay} ms");
            await Task.Delay(delay, TestContext.Current.CancellationToken);
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(TestContext.Current.CancellationToken);
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

    private async Task<Process> StartServerAsync()
    {
        File.Delete(Path.Combine(_data, "server.json"));
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "envmon.dll"), "serve", "--data", _data, "--hj212-listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var i = 0; i < 300 && !File.Exists(Path.Combine(_data, "server.json")); i++)
        {
            Assert.False(process.HasExited, "the server exited at start");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        return process;
    }

    // One station: uploads minute after minute, each waiting for its 9014, until the link breaks.
    private static async Task SendUntilKilledAsync(
        IPEndPoint endpoint, int station, int[] next, System.Collections.Concurrent.ConcurrentBag<(string, int)> acknowledged, CancellationToken stop)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(endpoint, stop);
            var stream = client.GetStream();
            var reader = new Hj212FrameReader();
            var decoder = new Hj212Decoder();
            var pending = Array.Empty<byte>();
            var buffer = new byte[4096];
            while (!stop.IsCancellationRequested)
            {
                var minute = next[station];
                var upload = Upload(Mn(station), minute);
                await stream.WriteAsync(Hj212Encoder.EncodeFrame(upload), stop);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                while (true)
                {
                    var sequence = new ReadOnlySequence<byte>(pending);
                    if (reader.TryRead(ref sequence, false, out var frame))
                    {
                        var reply = decoder.Decode(frame).Packet;
                        pending = sequence.ToArray();
                        if (reply?.Cn == "9014" && reply.Qn == upload.Qn)
                        {
                            acknowledged.Add((Mn(station), minute));
                            next[station] = minute + 1;
                            break;
                        }

                        continue;
                    }

                    var read = await stream.ReadAsync(buffer, timeout.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    pending = [.. pending, .. buffer.AsSpan(0, read)];
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            // The server was killed.
        }
    }

    private static Hj212Packet Upload(string mn, int minute) => new()
    {
        Qn = Hj212Time.FormatQn(Start.AddMinutes(minute).AddSeconds(5)),
        St = "22",
        Cn = "2051",
        Password = "123456",
        Mn = mn,
        Flag = 5,
        Fields =
        [
            new(0, "DataTime", Hj212Time.Format(Start.AddMinutes(minute))),
            new(1, "a34004-Avg", Value(minute).ToString(CultureInfo.InvariantCulture)),
            new(1, "a34004-Flag", "N"),
        ],
    };
}
