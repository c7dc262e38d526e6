namespace Envmon.Monitoring.Parameters;

/// <summary>What a parameter is measured in.</summary>
public enum Medium
{
    /// <summary>Ambient air (pollutants and meteorology).</summary>
    Air,

    /// <summary>Surface water.</summary>
    Water,

    /// <summary>Environmental noise.</summary>
    Noise,
}
