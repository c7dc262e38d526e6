using System.Globalization;
using Envmon.Hj212;
using Envmon.Hj212.Packets;

namespace Envmon.Testing;

/// <summary>The data uploads the tests' stations send. Shared as source by the server's and the command line's tests.</summary>
internal static class Uploads
{
    /// <summary>A 2051 minute upload asking for a 9014: PM2.5 = <paramref name="pm25"/> and CO 0.8, sent 3 s after the minute.</summary>
    public static Hj212Packet Minute(string mn, string password, DateTimeOffset dataTime, decimal pm25) => new()
    {
        Qn = Hj212Time.FormatQn(dataTime.AddSeconds(3)),
        St = "22",
        Cn = "2051",
        Password = password,
        Mn = mn,
        Flag = 5,
        Fields =
        [
            new(0, "DataTime", Hj212Time.Format(dataTime)),
            new(1, "a34004-Avg", pm25.ToString(CultureInfo.InvariantCulture)),
            new(1, "a34004-Flag", "N"),
            new(2, "a21005-Avg", "0.8"),
        ],
    };
}
