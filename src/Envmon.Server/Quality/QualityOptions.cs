namespace Envmon.Server.Quality;

/// <summary>Settings of the automatic QC (section <c>Quality</c> of appsettings.json, <c>Envmon__Quality__*</c>).</summary>
public sealed class QualityOptions
{
    /// <summary>
    /// How long new hourly data is gathered before it is evaluated. Default 1 s: each evaluation copies the touched
    /// stations' and their neighbours' look-back, so gathering more stations per evaluation shares those copies.
    /// </summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long after an hour ends the whole network's values of that hour are evaluated again together, so that every
    /// neighbour test sees every neighbour (most data arrive by hh:30). Default 35 minutes.
    /// </summary>
    public TimeSpan HourClose { get; set; } = TimeSpan.FromMinutes(35);

    /// <summary>Hours of look-back each evaluated value gets (spike, flat line, rolling tests). Default 30.</summary>
    public int LookBackHours { get; set; } = 30;
}
