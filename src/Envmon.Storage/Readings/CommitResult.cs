namespace Envmon.Storage.Readings;

/// <summary>What a commit did.</summary>
/// <param name="FirstSequence">The archive sequence number of the batch's first frame.</param>
/// <param name="Inserted">New readings stored.</param>
/// <param name="Duplicates">Readings already stored with the same data (resends).</param>
/// <param name="Revisions">Readings already stored with different data: kept as revisions, the first value stays.</param>
public sealed record CommitResult(long FirstSequence, int Inserted, int Duplicates, int Revisions);
