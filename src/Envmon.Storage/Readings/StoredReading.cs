using Envmon.Monitoring.Readings;

namespace Envmon.Storage.Readings;

/// <summary>A reading as stored: the first value received, the archive record it came in, and whether a later
/// frame tried to change it.</summary>
public sealed record StoredReading(Reading Reading, long Frame, bool Revised);
