namespace Envmon.Hj212.Packets;

/// <summary>ExeRtn of a 9012 execution result (HJ 212-2017 table 7).</summary>
public enum Hj212ExecutionResult
{
    /// <summary>1: success.</summary>
    Success = 1,

    /// <summary>2: failed, reason unknown.</summary>
    Failed = 2,

    /// <summary>3: request condition error.</summary>
    ConditionError = 3,

    /// <summary>4: communication timeout.</summary>
    Timeout = 4,

    /// <summary>5: system busy.</summary>
    Busy = 5,

    /// <summary>6: system fault.</summary>
    Fault = 6,

    /// <summary>100: no data.</summary>
    NoData = 100,
}
