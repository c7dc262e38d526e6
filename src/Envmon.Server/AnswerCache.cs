using System.Collections.Concurrent;
using System.IO.Compression;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Envmon.Server;

/// <summary>
/// Heavy table answers (every station's latest values, megabytes of JSON for thousands of stations), kept as their bytes for
/// <see cref="ServerOptions.AnswerAge"/> per caller scope and query, so that dashboards polling them cost a copy, not a
/// rebuild. An old answer is served once more while it is rebuilt in the background, so that only the first request of a
/// scope and query waits for a build (an answer is at most the age plus one rebuild old). At most <see cref="Capacity"/>
/// answers and <see cref="MaxBytes"/> of them are kept, whatever queries callers make: past that, old ones are dropped
/// and new ones are built but not kept.
/// </summary>
internal sealed class AnswerCache(IOptions<ServerOptions> options, TimeProvider time, ILogger<AnswerCache> logger)
{
    public const int Capacity = 256;
    public const long MaxBytes = 256L * 1024 * 1024;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _keeping = new();
    private long _bytes;

    /// <summary>A table answer: its body, its ETag and the rows in all; its gzip form is made once, when first asked for.</summary>
    public sealed record Answer(byte[] Body, string Tag, int Total)
    {
        private byte[]? _gzip;

        /// <summary>The body compressed with gzip (fastest level: JSON of this kind shrinks about tenfold even so).</summary>
        public byte[] Gzip => _gzip ??= Compress(Body);

        /// <summary>Whether a client has asked for the gzip form.</summary>
        public bool Compressed => _gzip is not null;

        private static byte[] Compress(byte[] body)
        {
            using var output = new MemoryStream(body.Length / 8);
            using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(body);
            }

            return output.ToArray();
        }
    }

    /// <summary>The answer kept under <paramref name="key"/>, or <paramref name="build"/>'s when it is missing or old.</summary>
    public Answer Get(string key, Func<Answer> build)
    {
        var age = options.Value.AnswerAge;
        if (age <= TimeSpan.Zero)
        {
            return build();
        }

        var now = time.GetTimestamp();
        if (_entries.TryGetValue(key, out var entry))
        {
            if (time.GetElapsedTime(entry.Built, now) >= age && entry.StartRebuild())
            {
                _ = Task.Run(() =>
                {
                    try
                    {
                        // Clients of this answer take gzip: its successor is compressed here rather than on a request.
                        var rebuilt = build();
                        if (entry.Answer.Compressed)
                        {
                            _ = rebuilt.Gzip;
                        }

                        Keep(key, rebuilt, time.GetTimestamp());
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        Forget(key);
                        logger.AnswerRebuildFailed(key, e);
                    }
                    finally
                    {
                        entry.EndRebuild();
                    }
                });
            }

            return entry.Answer;
        }

        return Keep(key, build(), now);
    }

    // Keeps the answer when it fits (at most Capacity answers and MaxBytes of bodies, old answers dropped first to make
    // room); one that does not fit also drops the answer it replaces, so that an old answer is never served on and on.
    private Answer Keep(string key, Answer answer, long built)
    {
        lock (_keeping)
        {
            Drop(key);
            if (_entries.Count >= Capacity || _bytes + answer.Body.Length > MaxBytes)
            {
                var age = options.Value.AnswerAge;
                foreach (var (old, entry) in _entries)
                {
                    if (time.GetElapsedTime(entry.Built) >= age)
                    {
                        Drop(old);
                    }
                }
            }

            if (_entries.Count < Capacity && _bytes + answer.Body.Length <= MaxBytes)
            {
                _entries[key] = new Entry(answer, built);
                _bytes += answer.Body.Length;
            }
        }

        return answer;
    }

    private void Forget(string key)
    {
        lock (_keeping)
        {
            Drop(key);
        }
    }

    private void Drop(string key)
    {
        if (_entries.TryRemove(key, out var entry))
        {
            _bytes -= entry.Answer.Body.Length;
        }
    }

    private sealed class Entry(Answer answer, long built)
    {
        public Answer Answer { get; } = answer;

        public long Built { get; } = built;

        private int _rebuilding;

        /// <summary>Whether the caller is the one to rebuild this (old) answer.</summary>
        public bool StartRebuild() => Interlocked.Exchange(ref _rebuilding, 1) == 0;

        public void EndRebuild() => Volatile.Write(ref _rebuilding, 0);
    }
}
