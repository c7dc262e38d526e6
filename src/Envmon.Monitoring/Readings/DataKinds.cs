namespace Envmon.Monitoring.Readings;

/// <summary>Names of <see cref="DataKind"/> as the CSV, the API and the command line write them.</summary>
public static class DataKinds
{
    /// <summary>The lower-case name: <c>realtime</c>, <c>minute</c>, <c>hour</c>, <c>day</c>.</summary>
    public static string Name(this DataKind kind) => kind switch
    {
        DataKind.RealTime => "realtime",
        DataKind.Minute => "minute",
        DataKind.Hour => "hour",
        DataKind.Day => "day",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Reads a name written by <see cref="Name"/>.</summary>
    public static bool TryParse(string text, out DataKind kind)
        => EnumNames.TryParse(text, k => k.Name(), out kind);
}
