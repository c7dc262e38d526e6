namespace Envmon.Monitoring.Readings;

/// <summary>
/// One value of one parameter at one station for one interval, in the parameter's canonical unit. The key is
/// (<see cref="Mn"/>, <see cref="Parameter"/>, <see cref="Kind"/>, <see cref="Time"/>): a station that resends the
/// same interval sends the same reading again.
/// </summary>
/// <param name="Mn">The station.</param>
/// <param name="Parameter">The canonical parameter code.</param>
/// <param name="Kind">Real-time, minute, hour or day.</param>
/// <param name="Time">The start of the interval (HJ 212 DataTime), as an instant.</param>
/// <param name="Value">The value (<c>-Rtd</c> or <c>-Avg</c>), or null when the station sent none.</param>
/// <param name="Min">The interval's minimum, when sent.</param>
/// <param name="Max">The interval's maximum, when sent.</param>
/// <param name="Flag">The station's data flag (N F M S D C T B …), as sent; N when the station sent none.</param>
public sealed record Reading(
    string Mn, string Parameter, DataKind Kind, DateTimeOffset Time, double? Value, double? Min, double? Max, string Flag)
{
    /// <summary>Whether two readings of the same key carry the same data (a duplicate, not a revision).</summary>
    public bool SameDataAs(Reading other)
        => Value == other.Value && Min == other.Min && Max == other.Max && string.Equals(Flag, other.Flag, StringComparison.Ordinal);
}
