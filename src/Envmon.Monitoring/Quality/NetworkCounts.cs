namespace Envmon.Monitoring.Quality;

/// <summary>A rate with what it is made of: the numerator and the denominator are always shown (quality.md §d).</summary>
/// <param name="Numerator">What was achieved.</param>
/// <param name="Denominator">What was due.</param>
public readonly record struct Ratio(long Numerator, long Denominator)
{
    /// <summary>Numerator ÷ denominator, or null when nothing was due.</summary>
    public double? Value => Denominator == 0 ? null : (double)Numerator / Denominator;
}

/// <summary>
/// The counts behind the network's statistics for one station × parameter × period, or a roll-up of several (sums,
/// so every rate of a roll-up is its own numerator over its own denominator, never a mean of rates). Definitions
/// in docs/quality.md.
/// </summary>
public sealed class NetworkCounts
{
    /// <summary>Intervals due by the sampling plan (24 a day hourly, 6 a day for 4-hourly water).</summary>
    public long Due { get; set; }

    /// <summary>Intervals received (duplicates once).</summary>
    public long Received { get; set; }

    /// <summary>Intervals received within the deadline (interval end + the SLA, default 30 minutes).</summary>
    public long Timely { get; set; }

    /// <summary>Received intervals that are valid: not failed by automatic QC unless a reviewer said valid, not invalidated by a reviewer.</summary>
    public long Valid { get; set; }

    /// <summary>Due intervals inside approved QA windows (calibration, maintenance), left out of the capture rate and shown here.</summary>
    public long QaExcluded { get; set; }

    /// <summary>Intervals whose station flag says the instrument ran (N, S, T); the others are stopped, faulty, in maintenance, calibration or unlinked.</summary>
    public long Running { get; set; }

    /// <summary>Received intervals a later frame tried to change (kept as revisions).</summary>
    public long Revised { get; set; }

    /// <summary>Received intervals flagged suspect by automatic QC.</summary>
    public long Suspect { get; set; }

    /// <summary>Received intervals failed by automatic QC.</summary>
    public long Fail { get; set; }

    /// <summary>Station-day review tasks whose deadline has passed.</summary>
    public long ReviewDue { get; set; }

    /// <summary>Of those, signed off by the deadline.</summary>
    public long ReviewOnTime { get; set; }

    /// <summary>Receipt latency after the interval's end, in whole minutes (capped at a day): minute → intervals.</summary>
    public SortedDictionary<int, long> LatencyMinutes { get; } = [];

    /// <summary>传输率: received ÷ due.</summary>
    public Ratio Transmission => new(Received, Due);

    /// <summary>及时率: timely ÷ received.</summary>
    public Ratio Timeliness => new(Timely, Received);

    /// <summary>数据获取率: valid ÷ (due − QA-excluded).</summary>
    public Ratio Capture => new(Valid, Math.Max(0, Due - QaExcluded));

    /// <summary>有效率: valid ÷ received.</summary>
    public Ratio Validity => new(Valid, Received);

    /// <summary>有效传输率: 传输率 × 有效率 = valid ÷ due.</summary>
    public Ratio EffectiveTransmission => new(Valid, Due);

    /// <summary>设备运转率: running ÷ due.</summary>
    public Ratio InstrumentRunning => new(Running, Due);

    /// <summary>QC pass rate: received that are neither suspect nor failed ÷ received.</summary>
    public Ratio QcPass => new(Math.Max(0, Received - Suspect - Fail), Received);

    /// <summary>审核及时率: review tasks signed by the deadline ÷ tasks due.</summary>
    public Ratio ReviewTimeliness => new(ReviewOnTime, ReviewDue);

    /// <summary>The latency (minutes) below which a share <paramref name="q"/> of the intervals arrived, or null when none did.</summary>
    public int? Latency(double q)
    {
        var total = LatencyMinutes.Values.Sum();
        if (total == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(q * total);
        long seen = 0;
        foreach (var (minutes, count) in LatencyMinutes)
        {
            seen += count;
            if (seen >= rank)
            {
                return minutes;
            }
        }

        return LatencyMinutes.Keys.Last();
    }

    /// <summary>Adds <paramref name="other"/>'s counts (a roll-up).</summary>
    public void Add(NetworkCounts other)
    {
        Due += other.Due;
        Received += other.Received;
        Timely += other.Timely;
        Valid += other.Valid;
        QaExcluded += other.QaExcluded;
        Running += other.Running;
        Revised += other.Revised;
        Suspect += other.Suspect;
        Fail += other.Fail;
        ReviewDue += other.ReviewDue;
        ReviewOnTime += other.ReviewOnTime;
        foreach (var (minutes, count) in other.LatencyMinutes)
        {
            LatencyMinutes[minutes] = LatencyMinutes.GetValueOrDefault(minutes) + count;
        }
    }
}
