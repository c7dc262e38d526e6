using System.Threading.Channels;
using Envmon.Monitoring.Readings;
using Envmon.Storage.Archive;
using Microsoft.Extensions.Options;

namespace Envmon.Server.Ingestion;

/// <summary>A frame on its way to the store, and who waits for it to be durable (null: nobody).</summary>
internal sealed record IngestItem(ArchivedFrame Frame, IReadOnlyList<Reading> Readings, CommitSignal? Durable, long Arrived);

/// <summary>
/// The bounded channel between the connections and the writer: when the store falls behind, connections wait to
/// enqueue (and stop reading their sockets) instead of memory growing.
/// </summary>
internal sealed class IngestQueue(IOptions<GatewayOptions> options)
{
    private readonly Channel<IngestItem> _channel = Channel.CreateBounded<IngestItem>(
        new BoundedChannelOptions(options.Value.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public ChannelReader<IngestItem> Reader => _channel.Reader;

    public int Depth => _channel.Reader.Count;

    /// <summary>
    /// Queues a frame; the task completes when it is durable, or fails when the commit does. Once queued, the frame
    /// is waited for even when the connection closes: the commit is near, and <paramref name="durable"/> is re-armed
    /// for the connection's next frame only after it.
    /// </summary>
    public async ValueTask WriteAndWaitAsync(ArchivedFrame frame, IReadOnlyList<Reading> readings, CommitSignal durable, CancellationToken cancellation)
    {
        var committed = durable.Arm();
        await _channel.Writer.WriteAsync(new IngestItem(frame, readings, durable, TimeProvider.System.GetTimestamp()), cancellation).ConfigureAwait(false);
        await committed.ConfigureAwait(false);
    }

    /// <summary>Queues a frame for the archive without waiting.</summary>
    public ValueTask WriteAsync(ArchivedFrame frame, CancellationToken cancellation)
        => _channel.Writer.WriteAsync(new IngestItem(frame, [], null, TimeProvider.System.GetTimestamp()), cancellation);

    /// <summary>No more frames: the writer drains what is queued and stops.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
