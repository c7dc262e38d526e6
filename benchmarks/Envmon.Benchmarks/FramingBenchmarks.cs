using System.Buffers;
using BenchmarkDotNet.Attributes;
using Envmon.Hj212.Framing;
using Envmon.Hj212.Packets;
using Envmon.Hj212.Segments;
using Envmon.Testing;

namespace Envmon.Benchmarks;

/// <summary>
/// Per frame of a stream of air minute frames: framing + CRC; + field scan (header checked, items read and keys
/// classified: the zero-allocation path of the gateway); + every value checked (what <c>--summary</c> does); and the
/// full decode into typed values. The stream holds 64 different frames (38 KB), about what a socket read hands the
/// gateway, so it is in the CPU cache as it would be there. <see cref="SegmentSize"/> is how the bytes arrive: one
/// buffer, or pipe segments of 4 KiB (frames then cross segment boundaries).
/// </summary>
[Config(typeof(Config))]
public class FramingBenchmarks
{
    private const int Frames = 64;
    private ReadOnlySequence<byte> _stream;
    private readonly Hj212Decoder _decoder = new();
    private readonly Hj212FrameReader _reader = new();
    private readonly Hj212KeyCache _keys = new();

    [Params(0, 4096)]
    public int SegmentSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var bytes = AirMinuteFrames.Stream(Frames);
        _stream = SegmentSize == 0 ? new ReadOnlySequence<byte>(bytes) : SegmentedSequence.InPiecesOf(bytes, SegmentSize);
    }

    [Benchmark(OperationsPerInvoke = Frames)]
    public int FrameAndCrc()
    {
        var buffer = _stream;
        var valid = 0;
        while (_reader.TryRead(ref buffer, true, out var frame))
        {
            valid += frame.IsFrame ? 1 : 0;
        }

        return valid;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Frames)]
    public int FrameCrcAndScan()
    {
        var buffer = _stream;
        var items = 0;
        while (_reader.TryRead(ref buffer, true, out var frame))
        {
            var segment = new Hj212SegmentReader(frame.Segment, _keys);
            if (frame.IsFrame && segment.TryReadHeader(out _, out _))
            {
                while (segment.Read(out _, out _) == Hj212ItemStatus.Item)
                {
                    items++;
                }
            }
        }

        return items;
    }

    [Benchmark(OperationsPerInvoke = Frames)]
    public int FrameCrcScanAndCheck()
    {
        var buffer = _stream;
        var valid = 0;
        while (_reader.TryRead(ref buffer, true, out var frame))
        {
            if (frame.IsFrame && Hj212SegmentReader.Validate(frame.Segment, _keys, out _) is null)
            {
                valid++;
            }
        }

        return valid;
    }

    [Benchmark(OperationsPerInvoke = Frames)]
    public int FullDecode()
    {
        var buffer = _stream;
        var fields = 0;
        while (_reader.TryRead(ref buffer, true, out var frame))
        {
            var result = _decoder.Decode(frame);
            fields += result.Packet!.Fields.Count;
        }

        return fields;
    }
}
