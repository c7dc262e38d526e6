using BenchmarkDotNet.Attributes;
using Envmon.Hj212.Packets;
using Envmon.Monitoring.Readings;
using Envmon.Monitoring.Stations;
using Envmon.Server.Ingestion;
using Envmon.Storage;
using Envmon.Storage.Archive;
using Envmon.Storage.Readings;

namespace Envmon.Benchmarks;

/// <summary>
/// Issue 3, the gateway's work per frame without the sockets: one group commit of 1,000 air minute frames (7 factors,
/// 7 readings each) into the embedded store, with the frames' decoding and mapping to readings, or the commit alone.
/// Every iteration sends the next minute, so each commit takes the normal path (new readings, no look-up). The
/// gateway's single writer commits one batch at a time, so the commit's frames per second on one core bound the
/// gateway's throughput. A commit of one frame gives the fixed cost of a transaction.
/// </summary>
[Config(typeof(Config))]
public class GroupCommitBenchmarks
{
    private const int Frames = 1000;
    private readonly Station[] _stations = new Station[Frames];
    private readonly byte[][] _frames = new byte[Frames][];
    private string _directory = "";
    private EnvmonStore? _store;
    private readonly Hj212Decoder _decoder = new();
    private int _minute;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("envmon-bench-commit-").FullName;
        _store = EnvmonStore.Open(new StoreOptions { DataDirectory = _directory });
        var password = StationPassword.Create("123456", iterations: 10);
        for (var i = 0; i < Frames; i++)
        {
            _frames[i] = AirMinuteFrames.Create(i);
            var mn = _decoder.Decode(_frames[i].AsSpan(6, _frames[i].Length - 12)).Packet!.Mn;
            _stations[i] = new Station { Mn = mn, Password = password, Name = mn, Network = Network.NationalAir, CityCode = "410100", Latitude = 34, Longitude = 113 };
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = Frames)]
    public CommitResult DecodeMapCommit()
    {
        var batch = new IngestBatch();
        var received = DateTimeOffset.UtcNow;
        var shift = TimeSpan.FromMinutes(Frames * ++_minute);
        for (var i = 0; i < Frames; i++)
        {
            var raw = _frames[i];
            var packet = _decoder.Decode(raw.AsSpan(6, raw.Length - 12)).Packet!;
            var (readings, _) = PacketMapper.Map(packet, _stations[i], DataKind.Minute, DateTimeOffset.MaxValue);
            batch.Add(new ArchivedFrame(received, "127.0.0.1:5000", "c1", packet.Mn, packet.Cn, "ok", raw), [.. readings.Select(r => r with { Time = r.Time + shift })]);
        }

        return _store!.Commit(batch);
    }

    [Benchmark(OperationsPerInvoke = Frames)]
    public CommitResult CommitOnly() => Commit(Frames);

    // One frame per commit: what a transaction costs whatever its size (a lightly loaded gateway commits every frame alone).
    [Benchmark]
    public CommitResult CommitOneFrame() => Commit(1);

    private CommitResult Commit(int frames)
    {
        var batch = new IngestBatch();
        var received = DateTimeOffset.UtcNow;
        var time = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(++_minute);
        for (var i = 0; i < frames; i++)
        {
            var mn = _stations[i].Mn;
            batch.Add(new ArchivedFrame(received, "127.0.0.1:5000", "c1", mn, "2051", "ok", _frames[i]),
                [.. Parameters.Select(p => new Reading(mn, p, DataKind.Minute, time, 42.5, 40, 45, "N"))]);
        }

        return _store!.Commit(batch);
    }

    private static readonly string[] Parameters = ["SO2", "NO2", "CO", "O3", "PM10", "PM2.5", "NOx"];
}
