using System.Collections.Concurrent;
using Envmon.Hj212;
using Envmon.Hj212.Framing;
using Envmon.Hj212.Segments;

namespace Envmon.Cli.Hj212;

/// <summary>
/// Checks the segments of <c>--summary</c> on worker threads, one per core, while the reading thread frames the
/// stream: framing and CRC are sequential and cheap, the field checks are independent per frame. Segments are
/// copied into batches of about 1 MiB; at most a few batches wait, so memory stays bounded however long the stream.
/// </summary>
internal sealed class SummaryWorkers : IDisposable
{
    private const int BatchBytes = 1 << 20;

    private readonly BlockingCollection<Batch> _full = new(boundedCapacity: 4);
    private readonly ConcurrentBag<Batch> _empty = [];
    private readonly SummaryCounts[] _counts;
    private readonly Task[] _workers;
    private Batch _current = new();

    public SummaryWorkers(int workers)
    {
        _counts = Enumerable.Range(0, workers).Select(_ => new SummaryCounts()).ToArray();
        _workers = _counts.Select(counts => Task.Factory.StartNew(() => Check(counts), TaskCreationOptions.LongRunning)).ToArray();
    }

    /// <summary>Queues a frame's segment for checking.</summary>
    public void Add(in Hj212Frame frame)
    {
        if (!_current.TryAdd(frame.Segment, frame.Warnings))
        {
            _full.Add(_current);
            _current = _empty.TryTake(out var reused) ? reused : new Batch();
            _current.TryAdd(frame.Segment, frame.Warnings);
        }
    }

    /// <summary>Checks what is queued and adds every worker's counts to <paramref name="total"/>.</summary>
    public void Complete(SummaryCounts total)
    {
        _full.Add(_current);
        _full.CompleteAdding();
        Task.WaitAll(_workers);
        foreach (var counts in _counts)
        {
            total.Add(counts);
        }
    }

    public void Dispose() => _full.Dispose();

    private void Check(SummaryCounts counts)
    {
        var keys = new Hj212KeyCache();
        foreach (var batch in _full.GetConsumingEnumerable())
        {
            foreach (var (start, length, frameWarnings) in batch.Frames)
            {
                var error = Hj212SegmentReader.Validate(batch.Data.AsSpan(start, length), keys, out var warnings);
                if (error is null)
                {
                    counts.AddFrame(frameWarnings | warnings);
                }
                else
                {
                    counts.AddError(error.Code);
                }
            }

            batch.Clear();
            _empty.Add(batch);
        }
    }

    private sealed class Batch
    {
        public byte[] Data { get; } = new byte[BatchBytes];

        public List<(int Start, int Length, Hj212Warnings Warnings)> Frames { get; } = new(4096);

        private int _used;

        public bool TryAdd(ReadOnlySpan<byte> segment, Hj212Warnings warnings)
        {
            if (_used + segment.Length > Data.Length)
            {
                return false;
            }

            segment.CopyTo(Data.AsSpan(_used));
            Frames.Add((_used, segment.Length, warnings));
            _used += segment.Length;
            return true;
        }

        public void Clear()
        {
            Frames.Clear();
            _used = 0;
        }
    }
}
