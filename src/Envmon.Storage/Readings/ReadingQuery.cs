using Envmon.Monitoring.Readings;

namespace Envmon.Storage.Readings;

/// <summary>Which readings to read; null fields do not filter. The range is [From, To).</summary>
public sealed record ReadingQuery(string? Mn = null, string? Parameter = null, DataKind? Kind = null, DateTimeOffset? From = null, DateTimeOffset? To = null);
