using Envmon.Server.Access;

namespace Envmon.Server.Review;

/// <summary>One level of review: its name, the role that carries it out, and its deadline for a day's data.</summary>
public sealed class ReviewLevel
{
    /// <summary>The level's name (<c>operator</c>, <c>city</c>, <c>province</c>).</summary>
    public string Name { get; set; } = "";

    /// <summary>The role that reviews at this level (a province administrator may act at the province level).</summary>
    public Role Role { get; set; }

    /// <summary>Days after the data's Beijing date by which the level must sign the day off.</summary>
    public int DeadlineDays { get; set; }

    /// <summary>The time of that day (Beijing) of the deadline.</summary>
    public TimeOnly DeadlineTime { get; set; }

    /// <summary>The deadline for the data of <paramref name="date"/>.</summary>
    public DateTimeOffset Deadline(DateOnly date) => new(date.AddDays(DeadlineDays).ToDateTime(DeadlineTime), TimeSpan.FromHours(8));
}

/// <summary>
/// Settings of the three-level review (section <c>Review</c>): the levels in order, lowest first. Default, after
/// the practice quality.md §(d) records: the operator reviews yesterday's data by 12:00, the city by the end of the
/// next day, the province by the end of the day after.
/// </summary>
public sealed class ReviewOptions
{
    public List<ReviewLevel> Levels { get; set; } = [];

    public static List<ReviewLevel> DefaultLevels() =>
    [
        new() { Name = "operator", Role = Role.Operator, DeadlineDays = 1, DeadlineTime = new TimeOnly(12, 0) },
        new() { Name = "city", Role = Role.CityReviewer, DeadlineDays = 2, DeadlineTime = TimeOnly.MinValue },
        new() { Name = "province", Role = Role.ProvinceReviewer, DeadlineDays = 3, DeadlineTime = TimeOnly.MinValue },
    ];
}
