using System.Collections.Concurrent;
using Envmon.Monitoring.Readings;

namespace Envmon.Server.Recall;

/// <summary>
/// Which minute and hour intervals each station has delivered within the recall look-back, one bit per interval, so
/// finding gaps costs no store query. Fed by the writer after every commit, and from the store at start.
/// </summary>
internal sealed class GapTracker(TimeSpan lookback)
{
    private readonly ConcurrentDictionary<(string Mn, DataKind Kind), Intervals> _series = new();

    /// <summary>Interval <paramref name="start"/> of <paramref name="mn"/>'s <paramref name="kind"/> data is stored.</summary>
    public void Seen(string mn, DataKind kind, DateTimeOffset start)
    {
        var step = Step(kind);
        var intervals = _series.GetOrAdd((mn, kind), static (_, slots) => new Intervals(slots), (int)(lookback.Ticks / step.Ticks) + 64);
        lock (intervals)
        {
            intervals.Set(start.UtcTicks / step.Ticks);
        }
    }

    /// <summary>
    /// The missing intervals of <paramref name="mn"/>'s <paramref name="kind"/> data from <paramref name="from"/> to
    /// <paramref name="to"/> (interval starts, inclusive), as runs of consecutive interval indexes: only holes between
    /// the first and the newest interval seen. Before the first the station was not sending; after the newest it may
    /// still be catching up, and a trailing gap becomes a hole as soon as a later interval arrives.
    /// </summary>
    public IReadOnlyList<(long First, long Last)> Missing(string mn, DataKind kind, DateTimeOffset from, DateTimeOffset to)
    {
        if (!_series.TryGetValue((mn, kind), out var intervals))
        {
            return [];
        }

        var step = Step(kind).Ticks;
        var runs = new List<(long, long)>();
        lock (intervals)
        {
            long? open = null;
            var last = Math.Min(to.UtcTicks / step, intervals.High);
            for (var i = Math.Max(intervals.First, from.UtcTicks / step); i <= last; i++)
            {
                var missing = !intervals.Has(i);
                if (missing && open is null)
                {
                    open = i;
                }
                else if (!missing && open is { } begin)
                {
                    runs.Add((begin, i - 1));
                    open = null;
                }
            }

            if (open is { } tail)
            {
                runs.Add((tail, last));
            }
        }

        return runs;
    }

    public static TimeSpan Step(DataKind kind) => kind switch
    {
        DataKind.Minute => TimeSpan.FromMinutes(1),
        DataKind.Hour => TimeSpan.FromHours(1),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "gaps are tracked for minute and hour data"),
    };

    // A ring of bits over the newest `capacity` interval indexes.
    private sealed class Intervals(int capacity)
    {
        private readonly ulong[] _bits = new ulong[(capacity + 63) / 64];
        private readonly int _capacity = (capacity + 63) / 64 * 64;
        private long _high = long.MinValue;

        public long First { get; private set; } = long.MaxValue;

        public long High => _high;

        public void Set(long index)
        {
            if (_high != long.MinValue && index <= _high - _capacity)
            {
                return;
            }

            if (index > _high)
            {
                // Clear the slots between the old newest and the new one: they now stand for other intervals.
                for (var i = _high == long.MinValue ? index - _capacity + 1 : Math.Max(_high + 1, index - _capacity + 1); i < index; i++)
                {
                    Clear(i);
                }

                _high = index;
            }

            First = Math.Min(First, index);
            _bits[Slot(index) / 64] |= 1UL << (int)(Slot(index) % 64);
        }

        public bool Has(long index)
            => index <= _high && index > _high - _capacity && (_bits[Slot(index) / 64] & (1UL << (int)(Slot(index) % 64))) != 0;

        private void Clear(long index) => _bits[Slot(index) / 64] &= ~(1UL << (int)(Slot(index) % 64));

        private long Slot(long index) => ((index % _capacity) + _capacity) % _capacity;
    }
}
