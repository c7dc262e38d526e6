namespace Envmon.Server.Status;

/// <summary>The answer of <c>/health</c>.</summary>
public sealed record Health(string Status, int Stations, int Online, long ArchiveRecords, int QueueDepth);
