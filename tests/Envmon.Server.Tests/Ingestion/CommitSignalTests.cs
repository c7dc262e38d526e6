using Envmon.Server.Ingestion;

namespace Envmon.Server.Tests.Ingestion;

/// <summary>What a connection waits on for each frame's commit: re-armed frame after frame, failures passed on, never run on the writer's thread.</summary>
public sealed class CommitSignalTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task EachFrameWaitsForItsOwnCommitAndTheSignalIsArmedAgainForTheNext()
    {
        var signal = new CommitSignal();
        for (var frame = 0; frame < 3; frame++)
        {
            var committed = signal.Arm().AsTask();
            Assert.False(committed.IsCompleted);

            signal.Committed();

            await committed.WaitAsync(Wait, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task AFailedCommitReachesItsWaiterAndTheNextFrameWaitsAsUsual()
    {
        var signal = new CommitSignal();
        var failing = signal.Arm().AsTask();
        var error = new IOException("disk full");

        signal.Failed(error);

        Assert.Same(error, await Assert.ThrowsAsync<IOException>(() => failing.WaitAsync(Wait, TestContext.Current.CancellationToken)));
        var next = signal.Arm().AsTask();
        signal.Committed();
        await next.WaitAsync(Wait, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task TheWaiterGoesOnOffTheWritersThread()
    {
        var signal = new CommitSignal();
        var committed = signal.Arm();
        var writer = new Thread(signal.Committed);

        var waiter = Task.Run(async () =>
        {
            await committed;
            return Environment.CurrentManagedThreadId;
        });
        await Task.Delay(50, TestContext.Current.CancellationToken);
        writer.Start();
        writer.Join();

        Assert.NotEqual(writer.ManagedThreadId, await waiter.WaitAsync(Wait, TestContext.Current.CancellationToken));
    }
}
