namespace Envmon.Monitoring.Quality;

/// <summary>Where a reason comes from.</summary>
public enum QcReasonSource
{
    /// <summary>An automatic test of the rule engine.</summary>
    Test,

    /// <summary>The station's own HJ 212 data flag.</summary>
    Station,

    /// <summary>An approved calibration, maintenance or other QA window (excluded from capture).</summary>
    QaWindow,

    /// <summary>A reviewer's decision.</summary>
    Review,
}

/// <summary>One entry of the reason catalogue (docs/quality.md): a stable code and its names.</summary>
/// <param name="Code">The stable code the API, the store and the configuration use.</param>
/// <param name="Chinese">The name monitoring staff read.</param>
/// <param name="English">The English name.</param>
/// <param name="Source">Where the reason comes from.</param>
public sealed record QcReason(string Code, string Chinese, string English, QcReasonSource Source);

/// <summary>
/// The reason catalogue. It covers the AirKorea network's 30 operational reasons (quality.md §b.4), the HJ 212 data
/// flags, the automatic tests and the QA windows; codes never change meaning, new ones are added at the end.
/// </summary>
public static class QcReasons
{
    /// <summary>Every reason.</summary>
    public static readonly IReadOnlyList<QcReason> All =
    [
        new("range-fail", "超出物理或量程范围", "outside the possible range", QcReasonSource.Test),
        new("range-suspect", "超出合理范围", "outside the plausible range", QcReasonSource.Test),
        new("climatology", "与历史同期相比异常", "abnormal against the season", QcReasonSource.Test),
        new("spike", "突变（尖峰）", "spike", QcReasonSource.Test),
        new("rate-of-change", "变化速率异常", "abrupt change", QcReasonSource.Test),
        new("flat-line", "长时间恒值", "long run of the same value", QcReasonSource.Test),
        new("low-variance", "变化幅度过小", "attenuated signal (low variance)", QcReasonSource.Test),
        new("future-time", "数据时间超前", "timestamp in the future", QcReasonSource.Test),
        new("clock-skew", "数采仪时钟偏差", "logger clock skew", QcReasonSource.Test),
        new("pm-inversion", "PM2.5浓度大于PM10（倒挂）", "PM2.5 above PM10", QcReasonSource.Test),
        new("no2-above-nox", "NO2浓度大于NOx", "NO2 above NOx", QcReasonSource.Test),
        new("nh3n-above-tn", "氨氮浓度大于总氮", "ammonia nitrogen above total nitrogen", QcReasonSource.Test),
        new("noise-percentile-order", "累积百分声级顺序异常（L90>L50>L10）", "percentile levels out of order", QcReasonSource.Test),
        new("neighbour", "与周边站点同项目不一致", "abnormal against the same item at neighbouring stations", QcReasonSource.Test),
        new("missing", "缺测", "missing", QcReasonSource.Test),
        new("station-stopped", "停运（F）", "stopped (F)", QcReasonSource.Station),
        new("station-maintenance", "维护（M）", "maintenance (M)", QcReasonSource.Station),
        new("station-manual", "手工输入（S）", "manually entered (S)", QcReasonSource.Station),
        new("station-fault", "故障（D）", "fault (D)", QcReasonSource.Station),
        new("station-calibration", "校准（C）", "calibration (C)", QcReasonSource.Station),
        new("station-over-limit", "超测量上限（T）", "over the upper measuring limit (T)", QcReasonSource.Station),
        new("station-link-fault", "仪器与数采仪通讯异常（B）", "instrument to logger link fault (B)", QcReasonSource.Station),
        new("station-flag-unknown", "未知数据标记", "unknown data flag", QcReasonSource.Station),
        new("calibration", "仪器校准", "instrument calibration", QcReasonSource.QaWindow),
        new("maintenance", "例行维护检查", "routine maintenance and inspection", QcReasonSource.QaWindow),
        new("accuracy-check", "准确度（比对）检查", "accuracy inspection", QcReasonSource.QaWindow),
        new("equivalence-failed", "等效性评估不合格", "failed equivalence evaluation", QcReasonSource.QaWindow),
        new("replacement", "设备更换", "equipment replacement", QcReasonSource.QaWindow),
        new("relocation", "站点新建、改造或搬迁", "station new-build, renovation or relocation", QcReasonSource.QaWindow),
        new("power-cut", "停电", "power cut", QcReasonSource.Review),
        new("communication-failure", "通讯故障", "communication failure", QcReasonSource.Review),
        new("logger-failure", "数采仪故障", "data-logger failure", QcReasonSource.Review),
        new("equipment-failure", "仪器故障", "equipment failure", QcReasonSource.Review),
        new("shutdown", "停机", "shutdown", QcReasonSource.Review),
        new("malfunction", "仪器工作异常", "malfunction", QcReasonSource.Review),
        new("insufficient-data", "有效数据不足", "insufficient data", QcReasonSource.Review),
        new("negative-value", "负值", "negative value", QcReasonSource.Review),
        new("other-items", "与同站其他项目相比异常", "abnormal against other items at the station", QcReasonSource.Review),
        new("burning", "森林火灾或秸秆焚烧", "forest fire or field burning", QcReasonSource.Review),
        new("local-source", "站点周边燃烧或停车", "burning or parking near the station", QcReasonSource.Review),
        new("construction", "站点周边施工", "construction near the station", QcReasonSource.Review),
        new("interference", "人为干扰", "human interference", QcReasonSource.Review),
        new("unknown-cause", "原因不明", "unknown cause", QcReasonSource.Review),
        new("other", "其他", "other", QcReasonSource.Review),
        new("normal", "确认正常", "confirmed normal", QcReasonSource.Review),
    ];

    private static readonly Dictionary<string, QcReason> ByCode = All.ToDictionary(r => r.Code, StringComparer.Ordinal);

    /// <summary>The reason with <paramref name="code"/>, or null.</summary>
    public static QcReason? Find(string code) => ByCode.GetValueOrDefault(code);
}
