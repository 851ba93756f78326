namespace Eyrie.FunctionalTests.Infrastructure;

/// <summary>A W3C extended log file read as a log reader reads it: directives, then lines of space-separated fields named by the last #Fields.</summary>
internal sealed class W3CLog
{
    private W3CLog(IReadOnlyList<string> directives, IReadOnlyList<string> fields, IReadOnlyList<IReadOnlyDictionary<string, string>> entries)
    {
        Directives = directives;
        Fields = fields;
        Entries = entries;
    }

    public IReadOnlyList<string> Directives { get; }

    /// <summary>The fields of the last #Fields directive.</summary>
    public IReadOnlyList<string> Fields { get; }

    public IReadOnlyList<IReadOnlyDictionary<string, string>> Entries { get; }

    /// <exception cref="FormatException">A line has another number of values than its #Fields names.</exception>
    public static W3CLog Parse(string text)
    {
        var directives = new List<string>();
        var entries = new List<IReadOnlyDictionary<string, string>>();
        string[] fields = [];
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('#'))
            {
                directives.Add(line);
                if (line.StartsWith("#Fields: ", StringComparison.Ordinal))
                {
                    fields = line["#Fields: ".Length..].Split(' ');
                }

                continue;
            }

            var values = line.Split(' ');
            if (values.Length != fields.Length)
            {
                throw new FormatException($"{values.Length} values for {fields.Length} fields: {line}");
            }

            entries.Add(fields.Zip(values).ToDictionary(p => p.First, p => p.Second));
        }

        return new W3CLog(directives, fields, entries);
    }
}
