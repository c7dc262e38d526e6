using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Envmon.Server;

/// <summary>
/// The allowed range of a <see cref="TimeSpan"/> setting, both ends included, written as invariant TimeSpan text
/// (<c>"00:00:00.001"</c>, <c>"3650.00:00:00"</c>). <see cref="RangeAttribute"/> reaches TimeSpan through a TypeConverter
/// found by reflection, which the AOT-compiled envmon cannot rely on.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class TimeRangeAttribute(string minimum, string maximum) : ValidationAttribute
{
    /// <summary>The shortest time allowed.</summary>
    public TimeSpan Minimum { get; } = TimeSpan.Parse(minimum, CultureInfo.InvariantCulture);

    /// <summary>The longest time allowed.</summary>
    public TimeSpan Maximum { get; } = TimeSpan.Parse(maximum, CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override bool IsValid(object? value) => value is not TimeSpan time || (time >= Minimum && time <= Maximum);

    /// <inheritdoc />
    public override string FormatErrorMessage(string name)
        => string.Create(CultureInfo.InvariantCulture, $"The field {name} must be between {Minimum} and {Maximum}.");
}
