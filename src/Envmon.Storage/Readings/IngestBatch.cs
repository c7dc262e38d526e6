using Envmon.Monitoring.Readings;
using Envmon.Storage.Archive;

namespace Envmon.Storage.Readings;

/// <summary>
/// What a group commit writes in one transaction: frames for the archive, each with the readings it carried.
/// </summary>
public sealed class IngestBatch
{
    private readonly List<(ArchivedFrame Frame, IReadOnlyList<Reading> Readings)> _items = [];

    /// <summary>The frames, in arrival order, with their readings.</summary>
    public IReadOnlyList<(ArchivedFrame Frame, IReadOnlyList<Reading> Readings)> Items => _items;

    /// <summary>How many readings the batch holds.</summary>
    public int ReadingCount { get; private set; }

    /// <summary>Adds a frame and the readings decoded from it (none for a rejected or non-data frame).</summary>
    public void Add(ArchivedFrame frame, IReadOnlyList<Reading> readings)
    {
        _items.Add((frame, readings));
        ReadingCount += readings.Count;
    }

    /// <summary>Empties the batch for reuse.</summary>
    public void Clear()
    {
        _items.Clear();
        ReadingCount = 0;
    }
}
