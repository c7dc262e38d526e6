using System.Text.Json;
using Envmon.Hj212;

namespace Envmon.Cli.Hj212;

/// <summary>The counts of <c>envmon hj212 decode --summary</c>: frames, errors by code, warnings by name.</summary>
internal sealed class SummaryCounts
{
    private readonly long[] _errors = new long[Hj212ErrorCodes.All.Count];
    private readonly long[] _warnings = new long[Hj212WarningNames.All.Count];

    public long Frames { get; private set; }

    public void AddError(Hj212ErrorCode code) => _errors[(int)code]++;

    public void AddFrame(Hj212Warnings warnings)
    {
        Frames++;
        if (warnings == Hj212Warnings.None)
        {
            return;
        }

        for (var i = 0; i < _warnings.Length; i++)
        {
            if ((warnings & Hj212WarningNames.All[i].Flag) != 0)
            {
                _warnings[i]++;
            }
        }
    }

    public void Add(SummaryCounts other)
    {
        Frames += other.Frames;
        for (var i = 0; i < _errors.Length; i++)
        {
            _errors[i] += other._errors[i];
        }

        for (var i = 0; i < _warnings.Length; i++)
        {
            _warnings[i] += other._warnings[i];
        }
    }

    public void Write(Utf8JsonWriter json, long bytes, TimeSpan elapsed)
    {
        json.WriteStartObject();
        json.WriteNumber("frames", Frames);
        json.WriteNumber("errorCount", _errors.Sum());
        json.WriteStartObject("errors");
        for (var i = 0; i < _errors.Length; i++)
        {
            if (_errors[i] > 0)
            {
                json.WriteNumber(Hj212ErrorCodes.All[i].Name(), _errors[i]);
            }
        }

        json.WriteEndObject();
        json.WriteStartObject("warnings");
        for (var i = 0; i < _warnings.Length; i++)
        {
            if (_warnings[i] > 0)
            {
                json.WriteNumber(Hj212WarningNames.All[i].Name, _warnings[i]);
            }
        }

        json.WriteEndObject();
        json.WriteNumber("bytes", bytes);
        json.WriteNumber("seconds", Math.Round(elapsed.TotalSeconds, 3));
        json.WriteEndObject();
    }
}
