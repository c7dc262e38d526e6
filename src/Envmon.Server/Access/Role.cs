namespace Envmon.Server.Access;

/// <summary>What a user may do. The review levels (operator → city → province) are carried out by the matching roles.</summary>
public enum Role
{
    /// <summary>省级管理员: everything, including users, QC configuration and reopening locked periods.</summary>
    ProvinceAdmin,

    /// <summary>省级审核员: province-level review of every station.</summary>
    ProvinceReviewer,

    /// <summary>市级审核员: city-level review of the stations of one city.</summary>
    CityReviewer,

    /// <summary>运维单位: first-level review and QA windows of its contracted stations.</summary>
    Operator,

    /// <summary>检查人员: reads everything, triages interference cases.</summary>
    Inspector,
}

/// <summary>Names of <see cref="Role"/> as the API, the CLI and the audit log write them.</summary>
public static class Roles
{
    public static string Name(this Role role) => role switch
    {
        Role.ProvinceAdmin => "province-admin",
        Role.ProvinceReviewer => "province-reviewer",
        Role.CityReviewer => "city-reviewer",
        Role.Operator => "operator",
        Role.Inspector => "inspector",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static bool TryParse(string? text, out Role role) => Monitoring.EnumNames.TryParse(text ?? "", r => r.Name(), out role);
}
