using System.Text;
using System.Text.Json;

namespace Envmon.Hj212.Tests.Support;

/// <summary>One frame of testdata/hj212-frames.jsonl (see ../shared/data/hj212-frames.README.md).</summary>
public sealed record SampleFrame(int Id, byte[] Bytes, int SegmentLength, string? St, string? Cn, string? Flag, string? Pnum, string? Pno, string CrcVariant)
{
    private static readonly Lazy<IReadOnlyList<SampleFrame>> Frames = new(Load);

    public static IReadOnlyList<SampleFrame> All => Frames.Value;

    public static SampleFrame ById(int id) => All.Single(f => f.Id == id);

    public static TheoryData<int> Ids => [.. All.Select(f => f.Id)];

    /// <summary>The data segment: the bytes between the length field and the four checksum digits.</summary>
    public ReadOnlySpan<byte> Segment => Bytes.AsSpan(6, SegmentLength);

    public override string ToString() => $"frame {Id}";

    private static SampleFrame[] Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "testdata", "hj212-frames.jsonl");
        return File.ReadLines(path).Where(l => l.Length > 0).Select(line =>
        {
            var json = JsonDocument.Parse(line).RootElement;
            string? Text(string name) => json.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return new SampleFrame(json.GetProperty("id").GetInt32(), Encoding.UTF8.GetBytes(json.GetProperty("frame").GetString()!),
                json.GetProperty("actual_len_bytes").GetInt32(),
                Text("st"), Text("cn"), Text("flag"), Text("pnum"), Text("pno"), Text("crc_variant")!);
        }).ToArray();
    }
}
