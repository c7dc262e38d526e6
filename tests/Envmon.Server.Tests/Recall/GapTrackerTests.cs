using Envmon.Monitoring.Readings;
using Envmon.Server.Recall;

namespace Envmon.Server.Tests.Recall;

public sealed class GapTrackerTests
{
    private static readonly DateTimeOffset Epoch = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset Minute(long i) => Epoch.AddMinutes(i);

    private static long Index(long i) => Minute(i).UtcTicks / TimeSpan.TicksPerMinute;

    [Theory]
    [InlineData(new long[] { 0, 1, 3 }, 0, 3, new long[] { 2, 2 })]
    [InlineData(new long[] { 0, 1, 3 }, 0, 6, new long[] { 2, 2 })]
    [InlineData(new long[] { 5, 9 }, 0, 9, new long[] { 6, 8 })]
    [InlineData(new long[] { 0, 1, 2 }, 0, 2, new long[0])]
    [InlineData(new long[] { 2, 0, 1 }, 0, 2, new long[0])]
    public void MissingIntervalsAreTheHolesBetweenTheFirstAndTheNewestSeen(long[] seen, long from, long to, long[] runs)
    {
        var tracker = new GapTracker(TimeSpan.FromHours(1));
        foreach (var i in seen)
        {
            tracker.Seen("M1", DataKind.Minute, Minute(i));
        }

        var expected = runs.Chunk(2).Select(r => (Index(r[0]), Index(r[1])));
        Assert.Equal(expected, tracker.Missing("M1", DataKind.Minute, Minute(from), Minute(to)));
    }

    [Fact]
    public void TheRingForgetsWhatIsOlderThanTheLookBackAndNeverConfusesOldAndNewSlots()
    {
        // Ten minutes of look-back hold 74 slots (rounded to 128 bits): 0 and 128 share a slot.
        var tracker = new GapTracker(TimeSpan.FromMinutes(10));
        tracker.Seen("M1", DataKind.Minute, Minute(0));
        tracker.Seen("M1", DataKind.Minute, Minute(130));
        Assert.Equal([(Index(128), Index(129))], tracker.Missing("M1", DataKind.Minute, Minute(128), Minute(140)));
        tracker.Seen("M1", DataKind.Minute, Minute(1));
        Assert.Equal([(Index(128), Index(129))], tracker.Missing("M1", DataKind.Minute, Minute(128), Minute(140)));
    }

    [Fact]
    public void StationsAndKindsAreTrackedApart()
    {
        var tracker = new GapTracker(TimeSpan.FromHours(24));
        tracker.Seen("M1", DataKind.Hour, Epoch);
        tracker.Seen("M1", DataKind.Hour, Epoch.AddHours(2));
        Assert.Empty(tracker.Missing("M2", DataKind.Hour, Epoch, Epoch.AddHours(2)));
        Assert.Empty(tracker.Missing("M1", DataKind.Minute, Epoch, Epoch.AddHours(2)));
        var hour = Epoch.AddHours(1).UtcTicks / TimeSpan.TicksPerHour;
        Assert.Equal([(hour, hour)], tracker.Missing("M1", DataKind.Hour, Epoch, Epoch.AddHours(2)));
    }
}
