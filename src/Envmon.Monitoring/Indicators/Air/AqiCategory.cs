namespace Envmon.Monitoring.Indicators.Air;

/// <summary>An AQI category of HJ 633 表2 (the same in 2012 and 2026): level, name, colour and range.</summary>
public sealed record AqiCategory(
    string Level, int LevelNumber, string Category, string Colour, byte[] Rgb, string RgbHex, byte[] Cmyk, string English, int From, int? To)
{
    private static readonly AqiCategory[] All =
    [
        new("一级", 1, "优", "绿色", [0, 228, 0], "#00E400", [40, 0, 100, 0], "Excellent", 0, 50),
        new("二级", 2, "良", "黄色", [255, 255, 0], "#FFFF00", [0, 0, 100, 0], "Good", 51, 100),
        new("三级", 3, "轻度污染", "橙色", [255, 126, 0], "#FF7E00", [0, 52, 100, 0], "Lightly polluted", 101, 150),
        new("四级", 4, "中度污染", "红色", [255, 0, 0], "#FF0000", [0, 100, 100, 0], "Moderately polluted", 151, 200),
        new("五级", 5, "重度污染", "紫色", [153, 0, 76], "#99004C", [10, 100, 40, 30], "Heavily polluted", 201, 300),
        new("六级", 6, "严重污染", "褐红色", [126, 0, 35], "#7E0023", [30, 100, 100, 30], "Severely polluted", 301, null),
    ];

    /// <summary>The category of <paramref name="aqi"/> (upper bounds inclusive: 50 is 优, 150 is 轻度污染).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative AQI.</exception>
    public static AqiCategory Of(int aqi)
        => aqi < 0 ? throw new ArgumentOutOfRangeException(nameof(aqi), aqi, "an AQI is not negative") : All.First(c => c.To is null || aqi <= c.To);
}
