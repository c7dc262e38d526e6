using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Envmon.Server.Tests.Dashboard;

public sealed class AnswerCacheTests
{
    private static readonly TimeSpan Age = TimeSpan.FromSeconds(1);

    [Fact]
    public void AFreshAnswerIsReusedWithoutABuild()
    {
        var (cache, _) = Create();
        var first = cache.Get("k", () => Answer("a"));
        Assert.Same(first, cache.Get("k", () => throw new InvalidOperationException("built again")));
        Assert.Equal("b", Tag(cache.Get("other", () => Answer("b"))));
    }

    [Fact]
    public async Task AnOldAnswerIsServedOnceMoreAndRebuiltInTheBackground()
    {
        var (cache, time) = Create();
        cache.Get("k", () => Answer("a"));
        time.Advance(Age);
        using var release = new ManualResetEventSlim();
        var builds = 0;
        Assert.Equal("a", Tag(cache.Get("k", () =>
        {
            Interlocked.Increment(ref builds);
            release.Wait(TestContext.Current.CancellationToken);
            return Answer("b");
        })));
        // While the rebuild runs, everyone gets the old answer and no second rebuild starts.
        Assert.Equal("a", Tag(cache.Get("k", () => throw new InvalidOperationException("a second rebuild"))));
        release.Set();
        while (Tag(cache.Get("k", () => throw new InvalidOperationException("the rebuilt answer is fresh"))) != "b")
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.Equal(1, builds);
    }

    [Fact]
    public async Task AnAnswerClientsTookCompressedIsRebuiltCompressed()
    {
        var (cache, time) = Create();
        _ = cache.Get("gzip", () => Answer("a")).Gzip;
        cache.Get("plain", () => Answer("a"));
        time.Advance(Age);
        cache.Get("gzip", () => Answer("b"));
        cache.Get("plain", () => Answer("b"));
        AnswerCache.Answer gzip, plain;
        while ((gzip = cache.Get("gzip", () => Answer("c"))).Tag != "b" | (plain = cache.Get("plain", () => Answer("c"))).Tag != "b")
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.True(gzip.Compressed);
        Assert.False(plain.Compressed);
    }

    [Fact]
    public async Task AFailedRebuildDropsTheAnswerSoTheNextRequestBuildsIt()
    {
        var (cache, time) = Create();
        cache.Get("k", () => Answer("a"));
        time.Advance(Age);
        Assert.Equal("a", Tag(cache.Get("k", () => throw new InvalidOperationException("the store failed"))));
        var built = false;
        while (Tag(cache.Get("k", () => { built = true; return Answer("b"); })) != "b")
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.True(built);
    }

    [Fact]
    public void NoMoreThanCapacityAnswersAreKeptWhileTheyAreFresh()
    {
        var (cache, time) = Create();
        for (var i = 0; i < AnswerCache.Capacity; i++)
        {
            cache.Get($"k{i}", () => Answer("kept"));
        }

        var builds = 0;
        for (var i = 0; i < 3; i++)
        {
            cache.Get("one too many", () => { builds++; return Answer("not kept"); });
        }

        Assert.Equal(3, builds);
        // Once the others are old, they make room.
        time.Advance(Age);
        cache.Get("one too many", () => Answer("kept now"));
        Assert.Equal("kept now", Tag(cache.Get("one too many", () => throw new InvalidOperationException("built again"))));
    }

    [Fact]
    public void NoMoreThanMaxBytesAreKept()
    {
        var (cache, _) = Create();
        var half = (int)(AnswerCache.MaxBytes / 2) + 1;
        cache.Get("big", () => Answer("big", half));
        var builds = 0;
        cache.Get("bigger", () => { builds++; return Answer("bigger", half); });
        cache.Get("bigger", () => { builds++; return Answer("bigger", half); });
        Assert.Equal(2, builds);
        Assert.Equal("big", Tag(cache.Get("big", () => throw new InvalidOperationException("built again"))));
    }

    private static (AnswerCache Cache, ManualTime Time) Create()
    {
        var time = new ManualTime();
        return (new AnswerCache(Options.Create(new ServerOptions { AnswerAge = Age }), time, NullLogger<AnswerCache>.Instance), time);
    }

    private static AnswerCache.Answer Answer(string tag, int bytes = 16) => new(GC.AllocateUninitializedArray<byte>(bytes), tag, 1);

    private static string Tag(AnswerCache.Answer answer) => answer.Tag;

    // The clock is a true boundary: this one moves only when told.
    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }
}
