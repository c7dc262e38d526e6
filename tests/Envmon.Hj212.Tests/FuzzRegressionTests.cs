using CsCheck;
using Envmon.Fuzz;
using Envmon.Hj212.Tests.Support;

namespace Envmon.Hj212.Tests;

/// <summary>
/// The fuzz target's invariants, over every input the fuzzer ever found crashing (FuzzRegressions/, added by
/// build/fuzz.sh) and over random mutations of the sample frames.
/// </summary>
[Trait("Category", "Fuzzing")]
public sealed class FuzzRegressionTests
{
    [Fact]
    public void KnownCrashInputsNoLongerBreakAnInvariant()
    {
        var inputs = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "FuzzRegressions"), "*.bin");
        Assert.NotEmpty(inputs);
        foreach (var input in inputs)
        {
            FrameFuzzTarget.Check(File.ReadAllBytes(input));
        }
    }

    [Fact]
    public void MutatedSampleStreamsKeepEveryInvariant()
    {
        var frames = SampleFrame.All.Select(f => f.Bytes).ToArray();
        var mutation = from count in Gen.Int[1, 4]
                       from picks in Gen.Int[0, frames.Length - 1].Array[count]
                       from edits in Gen.Select(Gen.Int[0, 3], Gen.Int, Gen.Byte).Array[0, 6]
                       select Mutate(picks.SelectMany(i => frames[i]).ToList(), edits);
        mutation.Sample(FrameFuzzTarget.Check, iter: 3000);
    }

    [Fact]
    public void RandomBytesKeepEveryInvariant()
        => Gen.OneOf(Gen.Byte.Array[0, 400], Gen.Int[0, Alphabet.Length - 1].Select(i => Alphabet[i]).Array[0, 400]).Sample(FrameFuzzTarget.Check, iter: 3000);

    private static readonly byte[] Alphabet = "#0123456789&ABCDEF;=,-\r\n"u8.ToArray();

    private static byte[] Mutate(List<byte> bytes, (int Kind, int Position, byte Value)[] edits)
    {
        foreach (var (kind, position, value) in edits)
        {
            if (bytes.Count == 0)
            {
                break;
            }

            var at = (int)((uint)position % (uint)bytes.Count);
            switch (kind)
            {
                case 0: bytes[at] = value; break;
                case 1: bytes.Insert(at, value); break;
                case 2: bytes.RemoveAt(at); break;
                default: bytes.InsertRange(at, "##0"u8.ToArray()); break;
            }
        }

        return [.. bytes];
    }
}
