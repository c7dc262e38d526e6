namespace Envmon.Monitoring.Stations;

/// <summary>Where a station is in its life, from plan to decommissioning (建成一个、联网一个).</summary>
public enum LifecycleStatus
{
    /// <summary>规划: planned.</summary>
    Planned,

    /// <summary>在建: under construction.</summary>
    UnderConstruction,

    /// <summary>建成: built, not yet accepted.</summary>
    Built,

    /// <summary>验收: accepted.</summary>
    Accepted,

    /// <summary>联网: connected and expected to transmit.</summary>
    Connected,

    /// <summary>暂停: suspended.</summary>
    Suspended,

    /// <summary>撤销: decommissioned.</summary>
    Decommissioned,
}
