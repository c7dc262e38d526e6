namespace Envmon.Monitoring.Stations;

/// <summary>The acoustic functional-zone class of GB 3096-2008 (0, 1, 2, 3, 4a, 4b).</summary>
public enum NoiseZone
{
    /// <summary>0 类: recuperation areas.</summary>
    Class0,

    /// <summary>1 类: residential, medical, educational, research.</summary>
    Class1,

    /// <summary>2 类: mixed commercial and residential.</summary>
    Class2,

    /// <summary>3 类: industrial and warehousing.</summary>
    Class3,

    /// <summary>4a 类: both sides of highways, urban expressways and arterial roads, inland waterways.</summary>
    Class4A,

    /// <summary>4b 类: both sides of railway trunk lines.</summary>
    Class4B,
}
