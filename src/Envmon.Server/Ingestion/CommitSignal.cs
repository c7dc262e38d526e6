using System.Threading.Tasks.Sources;

namespace Envmon.Server.Ingestion;

/// <summary>
/// What a connection waits on while its frame is committed. A connection has at most one frame in the ingest queue
/// (it waits for it before reading the next), so it keeps one signal and re-arms it for every frame: waiting for a
/// commit allocates nothing. The continuation runs on the thread pool, never on the writer's thread.
/// </summary>
internal sealed class CommitSignal : IValueTaskSource
{
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };

    /// <summary>Arms the signal for the next frame; call before the frame is queued.</summary>
    public ValueTask Arm()
    {
        _core.Reset();
        return new ValueTask(this, _core.Version);
    }

    /// <summary>The frame is durable.</summary>
    public void Committed() => _core.SetResult(true);

    /// <summary>The commit failed: nothing of the frame was written.</summary>
    public void Failed(Exception error) => _core.SetException(error);

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
        => _core.OnCompleted(continuation, state, token, flags);
}
