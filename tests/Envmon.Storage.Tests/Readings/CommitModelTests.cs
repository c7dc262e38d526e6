using CsCheck;
using Envmon.Monitoring.Readings;
using Envmon.Storage.Archive;
using Envmon.Storage.Readings;
using Envmon.Storage.Tests.Support;

namespace Envmon.Storage.Tests.Readings;

/// <summary>
/// Any sequence of batches, with resends, late and out-of-order data, revisions and restarts in between, leaves the
/// store as a simple model says: the first value of every reading stays, marked revised when a later one differed;
/// a reading equal to the stored value or to a kept revision is a duplicate; and the counts of each commit add up.
/// </summary>
public sealed class CommitModelTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Gen<Reading> ReadingGen =
        Gen.Select(Gen.OneOf<string>(Gen.Const("M1"), Gen.Const("M2")), Gen.OneOf<string>(Gen.Const("PM2.5"), Gen.Const("SO2")), Gen.Int[0, 5], Gen.Int[1, 3])
            .Select((mn, parameter, hour, value) => new Reading(mn, parameter, DataKind.Hour, Start.AddHours(hour), value, null, null, "N"));

    // A batch of frames, each with some readings, and whether the store restarts before it.
    private static readonly Gen<(bool Restart, Reading[][] Frames)[]> BatchesGen =
        Gen.Select(Gen.Bool, ReadingGen.Array[0, 4].Array[1, 3]).Array[1, 6];

    [Fact]
    public void CommitsMatchTheModel()
    {
        BatchesGen.Sample(batches =>
        {
            using var store = new TemporaryStore();
            var first = new Dictionary<(string, string, DateTimeOffset), (double Value, bool Revised)>();
            var known = new HashSet<(string, string, DateTimeOffset, double)>();
            foreach (var (restart, frames) in batches)
            {
                if (restart)
                {
                    store.Reopen();
                }

                var batch = new IngestBatch();
                int inserted = 0, duplicates = 0, revisions = 0;
                foreach (var readings in frames)
                {
                    batch.Add(new ArchivedFrame(Start, "127.0.0.1:1", "c", "M1", "2061", "ok", [1, 2, 3]), readings);
                    foreach (var reading in readings)
                    {
                        var key = (reading.Mn, reading.Parameter, reading.Time);
                        if (!first.TryGetValue(key, out var stored))
                        {
                            first[key] = (reading.Value!.Value, false);
                            inserted++;
                        }
                        else if (known.Contains((reading.Mn, reading.Parameter, reading.Time, reading.Value!.Value)))
                        {
                            duplicates++;
                        }
                        else
                        {
                            first[key] = stored with { Revised = true };
                            revisions++;
                        }

                        known.Add((reading.Mn, reading.Parameter, reading.Time, reading.Value!.Value));
                    }
                }

                var result = store.Store.Commit(batch);
                Assert.Equal((inserted, duplicates, revisions), (result.Inserted, result.Duplicates, result.Revisions));
            }

            var actual = store.Store.Readings(new ReadingQuery())
                .ToDictionary(r => (r.Reading.Mn, r.Reading.Parameter, r.Reading.Time), r => (r.Reading.Value!.Value, r.Revised));
            Assert.Equal(first.OrderBy(e => e.Key), actual.OrderBy(e => e.Key));
            foreach (var (mn, parameter) in first.Keys.Select(k => (k.Item1, k.Item2)).Distinct())
            {
                var newest = first.Where(e => e.Key.Item1 == mn && e.Key.Item2 == parameter).MaxBy(e => e.Key.Item3);
                Assert.Equal(newest.Key.Item3, store.Store.Latest(mn, parameter, DataKind.Hour)!.Reading.Time);
            }
        }, iter: 60, threads: 1);
    }
}
