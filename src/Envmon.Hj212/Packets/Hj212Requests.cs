using System.Globalization;
using Envmon.Hj212.Codes;

namespace Envmon.Hj212.Packets;

/// <summary>
/// Platform-to-station requests (HJ 212-2017 §7 and table C), encoded for the station's version: Flag asks for an
/// answer (5 in 2017, 9 in 2025, 1 in 2005) and the QN is the time of the request.
/// </summary>
public static class Hj212Requests
{
    /// <summary>1000: set the answer timeout (seconds, 1..99) and retry count (1..99).</summary>
    public static Hj212Packet SetTimeoutAndRetries(Hj212Target target, DateTimeOffset qn, int overTimeSeconds, int reCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(overTimeSeconds, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(overTimeSeconds, 99);
        ArgumentOutOfRangeException.ThrowIfLessThan(reCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(reCount, 99);
        return Request(target, qn, Hj212Commands.SetTimeoutAndRetries, [("OverTime", Text(overTimeSeconds))], [("ReCount", Text(reCount))]);
    }

    /// <summary>1011: get the station (or instrument <paramref name="polId"/>) time.</summary>
    public static Hj212Packet GetTime(Hj212Target target, DateTimeOffset qn, string? polId = null)
        => Request(target, qn, Hj212Commands.GetTime, PolId(polId));

    /// <summary>1012: set the station (or instrument) time — the time calibration.</summary>
    public static Hj212Packet SetTime(Hj212Target target, DateTimeOffset qn, DateTimeOffset time, string? polId = null)
        => Request(target, qn, Hj212Commands.SetTime, PolId(polId), [("SystemTime", Hj212Time.Format(time))]);

    /// <summary>1061: get the real-time data interval.</summary>
    public static Hj212Packet GetRealTimeInterval(Hj212Target target, DateTimeOffset qn)
        => Request(target, qn, Hj212Commands.GetRealTimeInterval);

    /// <summary>1062: set the real-time data interval, 30..3600 seconds.</summary>
    public static Hj212Packet SetRealTimeInterval(Hj212Target target, DateTimeOffset qn, int seconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seconds, 30);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(seconds, 3600);
        return Request(target, qn, Hj212Commands.SetRealTimeInterval, [("RtdInterval", Text(seconds))]);
    }

    /// <summary>1063: get the minute data interval (2017 and later).</summary>
    public static Hj212Packet GetMinuteInterval(Hj212Target target, DateTimeOffset qn)
        => Request(Since2017(target), qn, Hj212Commands.GetMinuteInterval);

    /// <summary>1064: set the minute data interval, one of 1 2 3 4 5 6 10 12 15 20 30 minutes (2017 and later).</summary>
    public static Hj212Packet SetMinuteInterval(Hj212Target target, DateTimeOffset qn, int minutes)
    {
        if (minutes is not (1 or 2 or 3 or 4 or 5 or 6 or 10 or 12 or 15 or 20 or 30))
        {
            throw new ArgumentOutOfRangeException(nameof(minutes), minutes, "must divide an hour: 1,2,3,4,5,6,10,12,15,20,30");
        }

        return Request(Since2017(target), qn, Hj212Commands.SetMinuteInterval, [("MinInterval", Text(minutes))]);
    }

    /// <summary>1072: set the station password (up to 6 characters in the standard).</summary>
    public static Hj212Packet SetPassword(Hj212Target target, DateTimeOffset qn, string newPassword)
        => Request(target, qn, Hj212Commands.SetPassword, [("NewPW", newPassword)]);

    /// <summary>2011: start real-time data uploads.</summary>
    public static Hj212Packet StartRealTimeData(Hj212Target target, DateTimeOffset qn)
        => Request(target, qn, Hj212Commands.RealTimeData);

    /// <summary>2012: stop real-time data uploads (a notice, answered with 9013).</summary>
    public static Hj212Packet StopRealTimeData(Hj212Target target, DateTimeOffset qn)
        => Request(target, qn, Hj212Commands.StopRealTimeData);

    /// <summary>2021: start running-state uploads.</summary>
    public static Hj212Packet StartRunningState(Hj212Target target, DateTimeOffset qn)
        => Request(target, qn, Hj212Commands.RunningState);

    /// <summary>2022: stop running-state uploads (a notice).</summary>
    public static Hj212Packet StopRunningState(Hj212Target target, DateTimeOffset qn)
        => Request(target, qn, Hj212Commands.StopRunningState);

    /// <summary>
    /// Data recall (补数): 2051 minute, 2061 hour, 2031 day or 2041 run-time day data whose DataTime lies in
    /// [<paramref name="begin"/>, <paramref name="end"/>], both ends inclusive as in the standard's examples.
    /// </summary>
    public static Hj212Packet Recall(Hj212Target target, DateTimeOffset qn, string cn, DateTimeOffset begin, DateTimeOffset end)
    {
        if (cn is not (Hj212Commands.MinuteData or Hj212Commands.HourData or Hj212Commands.DayData or Hj212Commands.RunTimeDayData))
        {
            throw new ArgumentOutOfRangeException(nameof(cn), cn, "recall is 2051, 2061, 2031 or 2041");
        }

        if (end < begin)
        {
            throw new ArgumentException("the recall window ends before it begins", nameof(end));
        }

        return Request(target, qn, cn, [("BeginTime", Hj212Time.Format(begin))], [("EndTime", Hj212Time.Format(end))]);
    }

    /// <summary>3011: zero / span calibration of instrument <paramref name="polId"/>.</summary>
    public static Hj212Packet Calibrate(Hj212Target target, DateTimeOffset qn, string polId)
        => Request(target, qn, Hj212Commands.Calibrate, PolId(polId));

    /// <summary>3012: sample now with instrument <paramref name="polId"/>.</summary>
    public static Hj212Packet SampleNow(Hj212Target target, DateTimeOffset qn, string polId)
        => Request(target, qn, Hj212Commands.SampleNow, PolId(polId));

    /// <summary>
    /// Set the sampling period of <paramref name="polId"/>: start time and every <paramref name="hours"/> hours.
    /// 3016 with CstartTime/Ctime for 2017 and later; 3014 for 2005 stations, where 3014 meant this (in 2017 it means
    /// comparison sampling, so it must never reach a 2017 station).
    /// </summary>
    public static Hj212Packet SetSamplingPeriod(Hj212Target target, DateTimeOffset qn, string polId, TimeOnly start, int hours)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hours, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hours, 24);
        var cn = target.Version == Hj212Version.V2005 ? Hj212Commands.SamplingPeriod2005 : Hj212Commands.SetSamplingPeriod;
        return Request(target, qn, cn, [("PolId", polId)],
            [("CstartTime", start.ToString("HHmmss", CultureInfo.InvariantCulture))], [("Ctime", Text(hours))]);
    }

    /// <summary>3017: get the sampling period of <paramref name="polId"/> (2017 and later).</summary>
    public static Hj212Packet GetSamplingPeriod(Hj212Target target, DateTimeOffset qn, string polId)
        => Request(Since2017(target), qn, Hj212Commands.GetSamplingPeriod, PolId(polId));

    /// <summary>3019: get the unique id of instrument <paramref name="polId"/> (2017 and later).</summary>
    public static Hj212Packet GetInstrumentId(Hj212Target target, DateTimeOffset qn, string polId)
        => Request(Since2017(target), qn, Hj212Commands.GetInstrumentId, PolId(polId));

    /// <summary>3020: get field information <paramref name="infoId"/> (log, state or parameter) of <paramref name="polId"/>,
    /// for logs within an optional window (2017 and later).</summary>
    public static Hj212Packet GetInformation(Hj212Target target, DateTimeOffset qn, string polId, string infoId,
        DateTimeOffset? begin = null, DateTimeOffset? end = null)
    {
        (string, string)[] window = begin is { } b && end is { } e
            ? [("BeginTime", Hj212Time.Format(b)), ("EndTime", Hj212Time.Format(e))]
            : [];
        return Request(Since2017(target), qn, Hj212Commands.GetInformation, [("PolId", polId)], [("InfoId", infoId)], [.. window]);
    }

    /// <summary>3021: set field parameter <paramref name="infoId"/> of <paramref name="polId"/> (2017 and later).</summary>
    public static Hj212Packet SetParameter(Hj212Target target, DateTimeOffset qn, string polId, string infoId, string value)
        => Request(Since2017(target), qn, Hj212Commands.SetParameter, [("PolId", polId)], [(infoId + "-Info", value)]);

    private static Hj212Packet Request(Hj212Target target, DateTimeOffset qn, string cn, params (string Key, string Value)[][] groups)
    {
        var fields = new List<Hj212Field>();
        var index = 0;
        foreach (var group in groups)
        {
            if (group.Length == 0)
            {
                continue;
            }

            foreach (var (key, value) in group)
            {
                fields.Add(new Hj212Field(index, key, value));
            }

            index++;
        }

        return new Hj212Packet
        {
            Qn = Hj212Time.FormatQn(qn),
            St = target.St,
            Cn = cn,
            Password = target.Password,
            Mn = target.Mn,
            Flag = Hj212Flag.Compose(target.Version, replyRequired: true, split: false),
            Fields = fields,
        };
    }

    private static (string, string)[] PolId(string? polId) => polId is null ? [] : [("PolId", polId)];

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static Hj212Target Since2017(Hj212Target target) => target.Version == Hj212Version.V2005
        ? throw new ArgumentException("HJ/T 212-2005 has no such command", nameof(target))
        : target;
}
