using System.Globalization;
using Envmon.Hj212;
using Envmon.Hj212.Packets;

namespace Envmon.Benchmarks;

/// <summary>
/// The frame the HJ 212 performance targets are stated for: an air station's minute data (2051), seven factors
/// each with -Avg/-Min/-Max/-Flag, about 600 bytes.
/// </summary>
public static class AirMinuteFrames
{
    private static readonly string[] Factors = ["a21026", "a21004", "a21005", "a05024", "a34002", "a34004", "a21002"];

    public static byte[] Create(int index)
    {
        var random = new Random(index);
        var time = new DateTimeOffset(2026, 1, 1, 0, 0, 0, Hj212Time.BeijingOffset).AddMinutes(index);
        var fields = new List<Hj212Field> { new(0, "DataTime", Hj212Time.Format(time)) };
        for (var i = 0; i < Factors.Length; i++)
        {
            var avg = Math.Round((decimal)(random.NextDouble() * 200), 3);
            var min = Math.Round(avg * 0.8m, 3);
            var max = Math.Round(avg * 1.25m, 3);
            fields.Add(new(i + 1, $"{Factors[i]}-Avg", avg.ToString(CultureInfo.InvariantCulture)));
            fields.Add(new(i + 1, $"{Factors[i]}-Min", min.ToString(CultureInfo.InvariantCulture)));
            fields.Add(new(i + 1, $"{Factors[i]}-Max", max.ToString(CultureInfo.InvariantCulture)));
            fields.Add(new(i + 1, $"{Factors[i]}-Flag", "N"));
        }

        return Hj212Encoder.EncodeFrame(new Hj212Packet
        {
            Qn = Hj212Time.FormatQn(time.AddSeconds(5)),
            St = "22",
            Cn = "2051",
            Password = "123456",
            Mn = "410100A0000000000000" + (index % 5000).ToString("D4", CultureInfo.InvariantCulture),
            Flag = 5,
            Fields = fields,
        });
    }

    /// <summary><paramref name="count"/> different frames back to back.</summary>
    public static byte[] Stream(int count) => Enumerable.Range(0, count).SelectMany(Create).ToArray();
}
