namespace Envmon.Monitoring.Stations;

/// <summary>A monitoring station as the registry knows it.</summary>
public sealed record Station
{
    /// <summary>MN: the data logger's id, the station's key.</summary>
    public required string Mn { get; init; }

    /// <summary>The HJ 212 password, hashed.</summary>
    public required StationPassword Password { get; init; }

    /// <summary>The station's name (站点名称).</summary>
    public required string Name { get; init; }

    /// <summary>The network it belongs to.</summary>
    public required Network Network { get; init; }

    /// <summary>The GB 3096 functional-zone class, for noise stations.</summary>
    public NoiseZone? NoiseZone { get; init; }

    /// <summary>The 6-digit division code of the province (the first two digits of the city's, then 0000).</summary>
    public string ProvinceCode => CityCode[..2] + "0000";

    /// <summary>The 6-digit division code of the prefecture-level city.</summary>
    public required string CityCode { get; init; }

    /// <summary>The 6-digit division code of the county or district, when known.</summary>
    public string? CountyCode { get; init; }

    /// <summary>The city's name, when known.</summary>
    public string? CityName { get; init; }

    /// <summary>The county's or district's name, when known.</summary>
    public string? CountyName { get; init; }

    /// <summary>WGS-84 latitude in degrees.</summary>
    public required double Latitude { get; init; }

    /// <summary>WGS-84 longitude in degrees.</summary>
    public required double Longitude { get; init; }

    /// <summary>The operation-and-maintenance company (运维单位).</summary>
    public string? Operator { get; init; }

    /// <summary>Where the station is in its life.</summary>
    public LifecycleStatus Status { get; init; } = LifecycleStatus.Connected;

    /// <summary>Since when it has had <see cref="Status"/>.</summary>
    public DateOnly? StatusSince { get; init; }

    /// <summary>Whether it is one of the stations a city's official air values are averaged from (国控城市点).</summary>
    public bool CountsForCity { get; init; }

    /// <summary>How it speaks HJ 212 and how often it sends.</summary>
    public ProtocolProfile Profile { get; init; } = new();

    /// <summary>What is wrong with this station's data, or an empty list.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Mn.Length is 0 or > 64 || !Mn.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            errors.Add($"mn \"{Mn}\" is not 1..64 letters, digits, _ or -");
        }

        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add("name is empty");
        }

        if (!IsDivisionCode(CityCode) || CityCode.EndsWith("0000", StringComparison.Ordinal) || !CityCode.EndsWith("00", StringComparison.Ordinal))
        {
            errors.Add($"city_code \"{CityCode}\" is not a 6-digit prefecture code (such as 410100)");
        }
        else if (CountyCode is { } county && (!IsDivisionCode(county) || !county.StartsWith(CityCode[..4], StringComparison.Ordinal)))
        {
            errors.Add($"county_code \"{county}\" is not a 6-digit county code of city {CityCode}");
        }

        if (!double.IsFinite(Latitude) || Latitude is < -90 or > 90)
        {
            errors.Add($"lat {Latitude} is not a latitude");
        }

        if (!double.IsFinite(Longitude) || Longitude is < -180 or > 180)
        {
            errors.Add($"lon {Longitude} is not a longitude");
        }

        if (Network == Network.Noise && NoiseZone is null)
        {
            errors.Add("a noise station needs its noise_zone (0, 1, 2, 3, 4a, 4b)");
        }

        if (Profile.Version is not ("2005" or "2017" or "2025"))
        {
            errors.Add($"hj212_version \"{Profile.Version}\" is not 2005, 2017 or 2025");
        }

        return errors;
    }

    private static bool IsDivisionCode(string code) => code.Length == 6 && code.All(char.IsAsciiDigit);
}
