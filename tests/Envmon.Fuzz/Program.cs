using Envmon.Fuzz;
using SharpFuzz;

// Run under AFL++ by build/fuzz.sh: each input is one byte stream for the frame reader and decoder.
Fuzzer.OutOfProcess.Run(stream =>
{
    using var copy = new MemoryStream();
    stream.CopyTo(copy);
    FrameFuzzTarget.Check(copy.ToArray());
});
