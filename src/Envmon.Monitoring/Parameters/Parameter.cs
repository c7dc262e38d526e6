namespace Envmon.Monitoring.Parameters;

/// <summary>
/// A canonical parameter: what every station's own factor code is mapped to. <see cref="Code"/> is the name the
/// indicator rules and reports use (<c>PM2.5</c>, <c>CO</c>, <c>NH3-N</c>); values are stored in <see cref="Unit"/>.
/// </summary>
/// <param name="Code">The canonical code.</param>
/// <param name="NameZh">The Chinese name shown to users.</param>
/// <param name="Name">The English name.</param>
/// <param name="Medium">Air, water or noise.</param>
/// <param name="Unit">The canonical unit.</param>
/// <param name="Factor2017">The HJ 212-2017 factor code (HJ 524/525), or null when the standard has none.</param>
/// <param name="Factor2005">The HJ/T 212-2005 code, or null.</param>
/// <param name="MolarMass">g/mol, for gases that stations may report in ppm or ppb; else null.</param>
public sealed record Parameter(
    string Code, string NameZh, string Name, Medium Medium, Unit Unit, string? Factor2017, string? Factor2005, decimal? MolarMass = null);
