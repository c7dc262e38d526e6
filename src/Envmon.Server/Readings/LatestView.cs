namespace Envmon.Server.Readings;

/// <summary>The latest reading of a station's parameter of one kind.</summary>
public sealed record LatestView(string Mn, string Parameter, string Kind, DateTimeOffset Time, double? Value, string Flag, bool Revised);
