namespace Envmon.Storage.Archive;

/// <summary>What <see cref="EnvmonStore.VerifyArchive"/> found.</summary>
/// <param name="Records">How many records it checked.</param>
/// <param name="FirstBad">The sequence number of the first record whose hash or number is wrong, or null.</param>
/// <param name="Problem">What is wrong with it.</param>
public sealed record ArchiveVerification(long Records, long? FirstBad, string? Problem)
{
    /// <summary>Whether the whole chain holds.</summary>
    public bool Intact => FirstBad is null;
}
