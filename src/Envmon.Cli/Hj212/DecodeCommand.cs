using System.CommandLine;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Text.Encodings.Web;
using System.Text.Json;
using Envmon.Hj212.Framing;
using Envmon.Hj212.Packets;

namespace Envmon.Cli.Hj212;

/// <summary><c>envmon hj212 decode [FILE]</c>: one JSON object per frame or error, in stream order.</summary>
internal static class DecodeCommand
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(CliConsole console)
    {
        var file = new Argument<FileInfo?>("FILE") { Description = "The byte stream to read; standard input when absent.", Arity = ArgumentArity.ZeroOrOne };
        var lenientCrc = new Option<bool>("--lenient-crc") { Description = "Also accept CRC-16/MODBUS printed low byte first (with the modbus-crc warning)." };
        var maxLength = new Option<int>("--max-length")
        {
            Description = "The largest data segment accepted, 1..9999 bytes.",
            DefaultValueFactory = _ => 9999,
        };
        maxLength.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 9999)
            {
                result.AddError("--max-length must be 1..9999");
            }
        });
        var summary = new Option<bool>("--summary") { Description = "Print one JSON object with counts only: frames, errors by code, warnings by name, bytes, seconds." };
        var command = new Command("decode", "Decode a stream of HJ 212 frames into JSON lines (the password is never printed).")
        {
            file, lenientCrc, maxLength, summary,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var options = new Hj212FrameReaderOptions
            {
                MaxSegmentLength = parse.GetValue(maxLength),
                CrcMode = parse.GetValue(lenientCrc) ? Hj212CrcMode.AcceptModbus : Hj212CrcMode.Standard,
            };
            var path = parse.GetValue(file);
            Stream input;
            try
            {
                // Read once, front to back, in the pipe's large reads: no FileStream buffer, and the kernel reads ahead further.
                input = path is null
                    ? console.Input
                    : path.Open(new FileStreamOptions { Options = FileOptions.SequentialScan, BufferSize = 0 });
            }
            catch (IOException e)
            {
                await console.Error.WriteLineAsync($"envmon: cannot read {path}: {e.Message}").ConfigureAwait(false);
                return 2;
            }
            catch (UnauthorizedAccessException e)
            {
                await console.Error.WriteLineAsync($"envmon: cannot read {path}: {e.Message}").ConfigureAwait(false);
                return 2;
            }

            await using (input.ConfigureAwait(false))
            {
                var output = new BufferedStream(console.Output, 1 << 16);
                await using (output.ConfigureAwait(false))
                {
                    if (parse.GetValue(summary))
                    {
                        await SummariseAsync(input, output, options, cancellation).ConfigureAwait(false);
                    }
                    else
                    {
                        await DecodeAsync(input, output, options, cancellation).ConfigureAwait(false);
                    }
                }
            }

            return 0;
        });
        return command;
    }

    private static async Task DecodeAsync(Stream input, Stream output, Hj212FrameReaderOptions options, CancellationToken cancellation)
    {
        var decoder = new Hj212Decoder();
        var json = new Utf8JsonWriter(output, JsonOptions);
        await using (json.ConfigureAwait(false))
        {
            await ReadFramesAsync(input, options, (in Hj212Frame frame) =>
            {
                var result = decoder.Decode(frame);
                if (result.Success)
                {
                    PacketJson.Write(json, result.Packet, result.Offset);
                }
                else
                {
                    PacketJson.Write(json, result.Error);
                }

                json.Flush();
                json.Reset();
                output.WriteByte((byte)'\n');
            }, cancellation).ConfigureAwait(false);
        }
    }

    private static async Task SummariseAsync(Stream input, Stream output, Hj212FrameReaderOptions options, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var counts = new SummaryCounts();
        long bytes;
        using (var workers = new SummaryWorkers(Environment.ProcessorCount))
        {
            bytes = await ReadFramesAsync(input, options, (in Hj212Frame frame) =>
            {
                if (frame.Error is { } error)
                {
                    counts.AddError(error.Code);
                }
                else
                {
                    workers.Add(frame);
                }
            }, cancellation).ConfigureAwait(false);
            workers.Complete(counts);
        }

        var json = new Utf8JsonWriter(output, JsonOptions);
        await using (json.ConfigureAwait(false))
        {
            counts.Write(json, bytes, clock.Elapsed);
        }

        output.WriteByte((byte)'\n');
    }

    private delegate void FrameHandler(in Hj212Frame frame);

    private static async Task<long> ReadFramesAsync(Stream input, Hj212FrameReaderOptions options, FrameHandler handle, CancellationToken cancellation)
    {
        var reader = new Hj212FrameReader(options);
        var pipe = PipeReader.Create(input, new StreamPipeReaderOptions(bufferSize: 1 << 20, minimumReadSize: 1 << 18));
        while (true)
        {
            var read = await pipe.ReadAsync(cancellation).ConfigureAwait(false);
            var buffer = read.Buffer;
            Drain(reader, ref buffer, read.IsCompleted, handle);
            pipe.AdvanceTo(buffer.Start, buffer.End);
            if (read.IsCompleted)
            {
                break;
            }
        }

        await pipe.CompleteAsync().ConfigureAwait(false);
        return reader.Position;
    }

    private static void Drain(Hj212FrameReader reader, ref System.Buffers.ReadOnlySequence<byte> buffer, bool completed, FrameHandler handle)
    {
        while (reader.TryRead(ref buffer, completed, out var frame))
        {
            handle(frame);
        }
    }
}
