namespace Envmon.Hj212.Codes;

/// <summary>
/// The command codes (CN) of HJ/T 212-2005, HJ 212-2017 and HJ 212-2025 (docs/hj212.md §7), with named constants for
/// those Envmon sends or answers.
/// </summary>
public static class Hj212Commands
{
    /// <summary>1000: set timeout and retry count.</summary>
    public const string SetTimeoutAndRetries = "1000";

    /// <summary>1011: get the station time (request), upload it (response).</summary>
    public const string GetTime = "1011";

    /// <summary>1012: set the station time.</summary>
    public const string SetTime = "1012";

    /// <summary>1013: the station asks for time calibration (notice).</summary>
    public const string TimeCalibrationRequest = "1013";

    /// <summary>1061: get the real-time data interval.</summary>
    public const string GetRealTimeInterval = "1061";

    /// <summary>1062: set the real-time data interval.</summary>
    public const string SetRealTimeInterval = "1062";

    /// <summary>1063: get the minute data interval (2017).</summary>
    public const string GetMinuteInterval = "1063";

    /// <summary>1064: set the minute data interval (2017).</summary>
    public const string SetMinuteInterval = "1064";

    /// <summary>1072: set the station password.</summary>
    public const string SetPassword = "1072";

    /// <summary>2011: start real-time data (request); real-time data (upload).</summary>
    public const string RealTimeData = "2011";

    /// <summary>2012: stop real-time data (notice).</summary>
    public const string StopRealTimeData = "2012";

    /// <summary>2021: start running-state data; running-state data.</summary>
    public const string RunningState = "2021";

    /// <summary>2022: stop running-state data.</summary>
    public const string StopRunningState = "2022";

    /// <summary>2031: recall day data; day data.</summary>
    public const string DayData = "2031";

    /// <summary>2041: recall facility run-time day data; run-time day data.</summary>
    public const string RunTimeDayData = "2041";

    /// <summary>2051: recall minute data; minute data.</summary>
    public const string MinuteData = "2051";

    /// <summary>2061: recall hour data; hour data.</summary>
    public const string HourData = "2061";

    /// <summary>2081: data-logger restart time (2017).</summary>
    public const string RestartTime = "2081";

    /// <summary>3011: zero / span calibration.</summary>
    public const string Calibrate = "3011";

    /// <summary>3012: immediate sampling.</summary>
    public const string SampleNow = "3012";

    /// <summary>3014: set sampling period in 2005; comparison sampling in 2017.</summary>
    public const string SamplingPeriod2005 = "3014";

    /// <summary>3016: set sampling period (2017).</summary>
    public const string SetSamplingPeriod = "3016";

    /// <summary>3017: get sampling period (2017).</summary>
    public const string GetSamplingPeriod = "3017";

    /// <summary>3019: get the instrument id.</summary>
    public const string GetInstrumentId = "3019";

    /// <summary>3020: get field-machine information (logs, states, parameters).</summary>
    public const string GetInformation = "3020";

    /// <summary>3021: set a field-machine parameter.</summary>
    public const string SetParameter = "3021";

    /// <summary>9011: request answer (QnRtn).</summary>
    public const string RequestAnswer = "9011";

    /// <summary>9012: execution result (ExeRtn).</summary>
    public const string ExecutionResult = "9012";

    /// <summary>9013: notice answer.</summary>
    public const string NoticeAnswer = "9013";

    /// <summary>9014: data answer.</summary>
    public const string DataAnswer = "9014";

    /// <summary>9015: heartbeat (2025).</summary>
    public const string Heartbeat = "9015";

    /// <summary>9021: vendor login/registration (not in any standard, widely sent).</summary>
    public const string VendorLogin = "9021";

    private const byte In2005 = 1;
    private const byte In2017 = 2;
    private const byte In2025 = 4;

    // Known[cn] has a bit per version that defines the command (docs/hj212.md §7).
    private static readonly byte[] Known = BuildKnown();

    /// <summary>Whether <paramref name="cn"/> is a command of <paramref name="version"/> (or a known vendor one).</summary>
    public static bool IsKnown(ReadOnlySpan<byte> cn, Hj212Version version)
    {
        if (cn.Length != 4 || !Hj212Number.TryParseDigits(cn, 4, out var value))
        {
            return false;
        }

        var bit = version switch
        {
            Hj212Version.V2005 => In2005,
            Hj212Version.V2017 => In2017,
            _ => In2025,
        };
        return (Known[value] & bit) != 0;
    }

    private static byte[] BuildKnown()
    {
        var known = new byte[10000];
        void Mark(byte versions, params int[] codes)
        {
            foreach (var code in codes)
            {
                known[code] |= versions;
            }
        }

        Mark(In2005 | In2017 | In2025, 1000, 1011, 1012, 1061, 1062, 1072, 2011, 2012, 2021, 2022, 2031, 2041, 2051, 2061,
            3011, 3012, 3013, 3014, 9011, 9012, 9013, 9014, 9021, 9022);
        Mark(In2005, 1001, 1021, 1022, 1031, 1032, 1041, 1042, 2071, 2072);
        Mark(In2017 | In2025, 1013, 1063, 1064, 2081, 3015, 3016, 3017, 3018, 3019, 3020, 3021);
        Mark(In2025, 1001, 1002, 1014, 2013, 2052, 2062, 2111, 3022, 3024, 9015);
        return known;
    }
}
