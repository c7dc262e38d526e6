using System.Globalization;
using Envmon.Monitoring.Stations;

namespace Envmon.Storage.Stations;

/// <summary>
/// A station as named text fields: the columns of the station CSV (docs/stations.md), which is also how the store
/// keeps a station. <c>mn,password,name,network,city_code,lat,lon</c> are required on import; the rest are optional.
/// <c>password</c> is the clear text on import and never exported; the stored hash travels as <c>password_hash</c>.
/// </summary>
public static class StationFields
{
    /// <summary>The columns that must be present.</summary>
    public static readonly IReadOnlyList<string> Required = ["mn", "password", "name", "network", "city_code", "lat", "lon"];

    /// <summary>Every column, in export order (the password's clear text is never exported).</summary>
    public static readonly IReadOnlyList<string> Exported =
    [
        "mn", "password_hash", "name", "network", "noise_zone", "city_code", "city_name", "county_code", "county_name", "lat", "lon",
        "operator", "status", "status_since", "counts_for_city", "hj212_version", "crc_mode", "length_may_count_characters",
        "realtime_interval_s", "minute_interval_s", "sends_hourly", "sends_daily", "factors",
    ];

    /// <summary>The fields of <paramref name="station"/>.</summary>
    public static Dictionary<string, string> ToFields(Station station)
    {
        var profile = station.Profile;
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["mn"] = station.Mn,
            ["password_hash"] = station.Password.ToString(),
            ["name"] = station.Name,
            ["network"] = station.Network.Name(),
            ["noise_zone"] = station.NoiseZone?.Name() ?? "",
            ["city_code"] = station.CityCode,
            ["city_name"] = station.CityName ?? "",
            ["county_code"] = station.CountyCode ?? "",
            ["county_name"] = station.CountyName ?? "",
            ["lat"] = station.Latitude.ToString("R", CultureInfo.InvariantCulture),
            ["lon"] = station.Longitude.ToString("R", CultureInfo.InvariantCulture),
            ["operator"] = station.Operator ?? "",
            ["status"] = ToSnake(station.Status.ToString()),
            ["status_since"] = station.StatusSince?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            ["counts_for_city"] = station.CountsForCity ? "true" : "false",
            ["hj212_version"] = profile.Version,
            ["crc_mode"] = ToSnake(profile.Crc.ToString()),
            ["length_may_count_characters"] = profile.LengthMayCountCharacters ? "true" : "false",
            ["realtime_interval_s"] = Seconds(profile.RealTimeInterval),
            ["minute_interval_s"] = Seconds(profile.MinuteInterval),
            ["sends_hourly"] = profile.SendsHourly ? "true" : "false",
            ["sends_daily"] = profile.SendsDaily ? "true" : "false",
            ["factors"] = string.Join(' ', profile.Factors),
        };
    }

    /// <summary>
    /// Reads a station from <paramref name="fields"/> (missing optional fields take their defaults), or says every
    /// problem it has. A clear-text <c>password</c> is hashed; else <c>password_hash</c> must hold a stored hash.
    /// </summary>
    public static Station? TryRead(IReadOnlyDictionary<string, string> fields, List<string> errors, int passwordIterations = StationPassword.DefaultIterations)
    {
        string Get(string name) => fields.TryGetValue(name, out var value) ? value.Trim() : "";
        var start = errors.Count;
        foreach (var name in new[] { "mn", "name", "network", "city_code", "lat", "lon" })
        {
            if (Get(name).Length == 0)
            {
                errors.Add($"{name} is missing");
            }
        }

        StationPassword? password = null;
        if (Get("password").Length > 0)
        {
            password = StationPassword.Create(Get("password"), passwordIterations);
        }
        else if (!StationPassword.TryParse(Get("password_hash"), out password))
        {
            errors.Add("password is missing");
        }

        var network = Network.NationalAir;
        if (Get("network").Length > 0 && !Networks.TryParse(Get("network"), out network))
        {
            errors.Add($"network \"{Get("network")}\" is not one of {string.Join(", ", Enum.GetValues<Network>().Select(n => n.Name()))}");
        }

        NoiseZone? zone = null;
        if (Get("noise_zone").Length > 0)
        {
            if (NoiseZones.TryParse(Get("noise_zone"), out var z))
            {
                zone = z;
            }
            else
            {
                errors.Add($"noise_zone \"{Get("noise_zone")}\" is not 0, 1, 2, 3, 4a or 4b");
            }
        }

        var latitude = Number(Get("lat"), "lat", errors);
        var longitude = Number(Get("lon"), "lon", errors);
        var status = Enumeration(Get("status"), "status", LifecycleStatus.Connected, errors);
        var crc = Enumeration(Get("crc_mode"), "crc_mode", CrcMode.Standard, errors);
        DateOnly? since = null;
        if (Get("status_since").Length > 0)
        {
            if (DateOnly.TryParseExact(Get("status_since"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                since = date;
            }
            else
            {
                errors.Add($"status_since \"{Get("status_since")}\" is not a date yyyy-MM-dd");
            }
        }

        var factors = new List<FactorMapping>();
        foreach (var text in Get("factors").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (FactorMapping.TryParse(text, out var mapping, out var error))
            {
                factors.Add(mapping!);
            }
            else
            {
                errors.Add(error!);
            }
        }

        var profile = new ProtocolProfile
        {
            Version = Get("hj212_version") is { Length: > 0 } version ? version : "2017",
            Crc = crc,
            LengthMayCountCharacters = Flag(Get("length_may_count_characters"), "length_may_count_characters", true, errors),
            RealTimeInterval = Interval(Get("realtime_interval_s"), "realtime_interval_s", null, errors),
            MinuteInterval = Interval(Get("minute_interval_s"), "minute_interval_s", TimeSpan.FromMinutes(1), errors),
            SendsHourly = Flag(Get("sends_hourly"), "sends_hourly", true, errors),
            SendsDaily = Flag(Get("sends_daily"), "sends_daily", false, errors),
            Factors = factors,
        };
        if (errors.Count > start || password is null)
        {
            return null;
        }

        var station = new Station
        {
            Mn = Get("mn"),
            Password = password,
            Name = Get("name"),
            Network = network,
            NoiseZone = zone,
            CityCode = Get("city_code"),
            CityName = NullIfEmpty(Get("city_name")),
            CountyCode = NullIfEmpty(Get("county_code")),
            CountyName = NullIfEmpty(Get("county_name")),
            Latitude = latitude,
            Longitude = longitude,
            Operator = NullIfEmpty(Get("operator")),
            Status = status,
            StatusSince = since,
            CountsForCity = Flag(Get("counts_for_city"), "counts_for_city", network == Network.NationalAir, errors),
            Profile = profile,
        };
        errors.AddRange(station.Validate());
        return errors.Count > start ? null : station;
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private static string Seconds(TimeSpan? interval)
        => interval is { } i ? ((long)i.TotalSeconds).ToString(CultureInfo.InvariantCulture) : "";

    private static double Number(string text, string name, List<string> errors)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        if (text.Length > 0)
        {
            errors.Add($"{name} \"{text}\" is not a number");
        }

        return double.NaN;
    }

    private static bool Flag(string text, string name, bool fallback, List<string> errors)
    {
        switch (text.ToUpperInvariant())
        {
            case "":
                return fallback;
            case "TRUE" or "1" or "Y" or "YES":
                return true;
            case "FALSE" or "0" or "N" or "NO":
                return false;
            default:
                errors.Add($"{name} \"{text}\" is not true or false");
                return fallback;
        }
    }

    private static TimeSpan? Interval(string text, string name, TimeSpan? fallback, List<string> errors)
    {
        if (text.Length == 0)
        {
            return fallback;
        }

        if (text == "0")
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds < 1)
        {
            errors.Add($"{name} \"{text}\" is not a whole number of seconds (0 for none)");
            return fallback;
        }

        return TimeSpan.FromSeconds(seconds);
    }

    private static T Enumeration<T>(string text, string name, T fallback, List<string> errors)
        where T : struct, Enum
    {
        if (text.Length == 0)
        {
            return fallback;
        }

        foreach (var value in Enum.GetValues<T>())
        {
            if (string.Equals(ToSnake(value.ToString()), text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        errors.Add($"{name} \"{text}\" is not one of {string.Join(", ", Enum.GetValues<T>().Select(v => ToSnake(v.ToString())))}");
        return fallback;
    }

    private static string ToSnake(string pascal)
        => string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
