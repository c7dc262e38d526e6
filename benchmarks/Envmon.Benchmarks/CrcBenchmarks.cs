using BenchmarkDotNet.Attributes;
using Envmon.Hj212.Framing;

namespace Envmon.Benchmarks;

/// <summary>The Appendix A checksum of one ~600-byte segment: bitwise as printed, and sliced by eight.</summary>
[Config(typeof(Config))]
public class CrcBenchmarks
{
    private byte[] _segment = [];

    [GlobalSetup]
    public void Setup()
    {
        var frame = AirMinuteFrames.Create(1);
        _segment = frame[6..^6];
    }

    [Benchmark(Baseline = true)]
    public ushort Bitwise() => Hj212Crc.ComputeBitwise(_segment);

    [Benchmark]
    public ushort Sliced() => Hj212Crc.Compute(_segment);
}
