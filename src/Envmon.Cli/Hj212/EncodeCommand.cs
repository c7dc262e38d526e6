using System.CommandLine;
using System.Text.Json;
using Envmon.Hj212.Packets;

namespace Envmon.Cli.Hj212;

/// <summary><c>envmon hj212 encode [FILE]</c>: JSON objects (one per line, the decode shape) to frames.</summary>
internal static class EncodeCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<FileInfo?>("FILE") { Description = "JSON lines to read; standard input when absent.", Arity = ArgumentArity.ZeroOrOne };
        var split = new Option<int?>("--split") { Description = "Split packets whose segment exceeds this many bytes into PNUM/PNO parts (1024 in the standard)." };
        var command = new Command("encode", "Encode JSON objects of the decode shape (with \"pw\" for the password) into frames with correct length and CRC.")
        {
            file, split,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var path = parse.GetValue(file);
            TextReader input;
            try
            {
                input = path is null ? new StreamReader(console.Input) : new StreamReader(path.OpenRead());
            }
            catch (IOException e)
            {
                await console.Error.WriteLineAsync($"envmon: cannot read {path}: {e.Message}").ConfigureAwait(false);
                return 2;
            }

            var failures = 0;
            var lineNumber = 0;
            using (input)
            {
                while (await input.ReadLineAsync(cancellation).ConfigureAwait(false) is { } line)
                {
                    lineNumber++;
                    if (string.IsNullOrWhiteSpace(line))
                    {
                        continue;
                    }

                    var problem = Encode(line, parse.GetValue(split), console.Output);
                    if (problem is not null)
                    {
                        failures++;
                        await console.Error.WriteLineAsync($"envmon: line {lineNumber}: {problem}").ConfigureAwait(false);
                    }
                }
            }

            await console.Output.FlushAsync(cancellation).ConfigureAwait(false);
            return failures == 0 ? 0 : 1;
        });
        return command;
    }

    private static string? Encode(string line, int? splitAt, Stream output)
    {
        Hj212Packet? packet;
        string? problem;
        try
        {
            using var document = JsonDocument.Parse(line);
            packet = PacketJson.Read(document.RootElement, out problem);
        }
        catch (JsonException e)
        {
            return $"not JSON: {e.Message}";
        }

        if (packet is null)
        {
            return problem;
        }

        if (Hj212Encoder.Validate(packet) is { } invalid)
        {
            return invalid;
        }

        var parts = splitAt is int max ? Hj212Encoder.Split(packet, max) : [packet];
        foreach (var part in parts)
        {
            var segment = Hj212Encoder.EncodeSegment(part);
            if (segment.Length > 9999)
            {
                return $"the segment is {segment.Length} bytes, more than the 4-digit length field allows; use --split";
            }

            output.Write(Hj212Encoder.EncodeFrame(part));
        }

        return null;
    }
}
