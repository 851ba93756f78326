using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Eyrie.Admin;

/// <summary>
/// Writes an edited JSON tree back into the text it was read from, touching only what changed: a changed value
/// is rewritten where it stands; a removed member is cut out with its line and the comment lines right above it
/// (or from its line, in a one-line object or array); an added member goes on a new line before its container's
/// closing bracket in the file's own indentation and line endings (or after the last member, on a one-line
/// container). Comments and layout everywhere else are kept, as jsonc-parser's edits keep them. Property names
/// are matched ignoring case, as eyrie.json reads them. The
/// result is parsed again and compared with the tree; whenever that is not the same, or the text cannot be
/// patched, <see cref="Patch"/> returns null and the caller writes the whole tree instead.
/// </summary>
internal sealed class JsonTextPatcher
{
    private readonly byte[] _text;
    private readonly string _newLine;
    private readonly string _indentUnit;
    private readonly JsonSerializerOptions _writeOptions;
    private readonly List<TextEdit> _edits = [];

    private JsonTextPatcher(byte[] text, JsonSpan root)
    {
        _text = text;
        _newLine = text.AsSpan().IndexOf("\r\n"u8) >= 0 ? "\r\n" : "\n";

        // The indentation step is that of the root's first member when it starts a line (two spaces otherwise).
        var first = root.Members.Count > 0 ? root.Members[0].Start : -1;
        _indentUnit = first >= 0 && IsBlank(LineStart(first), first) && LineIndent(first) is { Length: > 0 } indent
            ? (indent[0] == '\t' ? "\t" : new string(' ', Math.Min(indent.Length, 8)))
            : "  ";
        _writeOptions = new JsonSerializerOptions
        {
            WriteIndented = true,
            IndentCharacter = _indentUnit[0],
            IndentSize = _indentUnit.Length,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
    }

    /// <summary><paramref name="original"/> changed into <paramref name="edited"/> with everything else kept, or null when it cannot be.</summary>
    public static string? Patch(string original, JsonNode edited)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(edited);
        var bom = original.StartsWith('\uFEFF') ? "\uFEFF" : "";
        var body = original[bom.Length..];
        var bytes = Encoding.UTF8.GetBytes(body);
        try
        {
            var before = ConfigJson.Parse(body);
            var root = JsonSpanReader.Read(bytes);
            var patcher = new JsonTextPatcher(bytes, root);
            patcher.Diff(root, before, edited);
            var patched = patcher.Apply();
            return patched is not null && ConfigJson.Same(ConfigJson.Parse(patched), edited) ? bom + patched : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>How many comments <paramref name="text"/> holds (0 when it is not JSON).</summary>
    public static int CountComments(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text.TrimStart('\uFEFF')), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Allow, AllowTrailingCommas = true });
        var count = 0;
        try
        {
            while (reader.Read())
            {
                count += reader.TokenType == JsonTokenType.Comment ? 1 : 0;
            }
        }
        catch (JsonException)
        {
            return 0;
        }

        return count;
    }

    private void Diff(JsonSpan span, JsonNode? before, JsonNode? after)
    {
        if (ConfigJson.Same(before, after))
        {
            return;
        }

        var patched = (before, after) switch
        {
            (JsonObject o, JsonObject n) => TryDiffObject(span, o, n),
            (JsonArray a, JsonArray b) => TryDiffArray(span, a, b),
            _ => false,
        };
        if (!patched)
        {
            _edits.Add(new TextEdit(span.Start, span.End, Render(after, LineIndent(span.Start))));
        }
    }

    private bool TryDiffObject(JsonSpan span, JsonObject before, JsonObject after)
    {
        var properties = before.ToList();
        if (properties.Count != span.Members.Count)
        {
            return false;
        }

        // Names ignore case both ways: the CLI's new objects compare them exactly, the file's may be written otherwise.
        var matched = properties.Select(p => ConfigJson.Find(after, p.Key)).ToArray();
        var removed = matched.Select(m => m is null).ToArray();
        List<(string? Name, JsonNode? Value)> added = [.. after.Where(p => ConfigJson.Find(before, p.Key) is null).Select(p => ((string?)p.Key, p.Value))];
        if (!CanRestructure(span, removed, added.Count))
        {
            return false;
        }

        for (var i = 0; i < properties.Count; i++)
        {
            if (matched[i] is { } match)
            {
                Diff(span.Members[i].Value, properties[i].Value, match.Value);
            }
        }

        Restructure(span, removed, added);
        return true;
    }

    private bool TryDiffArray(JsonSpan span, JsonArray before, JsonArray after)
    {
        if (before.Count != span.Members.Count)
        {
            return false;
        }

        // Items removed with the rest kept in order (what the CLI's remove does), else item by item, then the
        // extra items appended or the missing ones cut from the end.
        var removed = new bool[before.Count];
        var pairs = new List<(int Before, int After)>();
        if (after.Count < before.Count)
        {
            for (var i = 0; i < before.Count; i++)
            {
                if (pairs.Count < after.Count && ConfigJson.Same(before[i], after[pairs.Count]))
                {
                    pairs.Add((i, pairs.Count));
                }
                else
                {
                    removed[i] = true;
                }
            }
        }

        if (pairs.Count != Math.Min(before.Count, after.Count))
        {
            pairs = [.. Enumerable.Range(0, Math.Min(before.Count, after.Count)).Select(i => (i, i))];
            removed = [.. Enumerable.Range(0, before.Count).Select(i => i >= after.Count)];
        }

        List<(string? Name, JsonNode? Value)> added = [.. after.Skip(before.Count).Select(item => ((string?)null, item))];
        if (!CanRestructure(span, removed, added.Count))
        {
            return false;
        }

        foreach (var (b, a) in pairs)
        {
            Diff(span.Members[b].Value, before[b], after[a]);
        }

        Restructure(span, removed, added);
        return true;
    }

    /// <summary>
    /// Whether members can be cut and added without writing the container again: always when its closing bracket
    /// starts a line; on one line, when a member stays (or it is emptied and holds nothing but its members).
    /// </summary>
    private bool CanRestructure(JsonSpan container, bool[] removed, int added) =>
        (!removed.Contains(true) && added == 0) || HasOwnLines(container) || removed.Contains(false) || (added == 0 && HasOnlyMembers(container));

    /// <summary>Cuts out the removed members, puts the added ones after the last member, and keeps the commas right.</summary>
    private void Restructure(JsonSpan container, bool[] removed, List<(string? Name, JsonNode? Value)> added)
    {
        var members = container.Members;
        if (!removed.Contains(true) && added.Count == 0)
        {
            return;
        }

        if (added.Count == 0 && members.Count > 0 && !removed.Contains(false) && HasOnlyMembers(container))
        {
            // Emptied, and nothing but its members to keep: [] rather than brackets on lines of their own.
            Collapse(container);
        }
        else if (HasOwnLines(container))
        {
            RestructureLines(container, removed, added);
        }
        else
        {
            RestructureInline(container, removed, added);
        }
    }

    private void RestructureLines(JsonSpan container, bool[] removed, List<(string? Name, JsonNode? Value)> added)
    {
        var members = container.Members;
        var cuts = members.Where((_, i) => removed[i]).Select(MemberLines).ToList();
        var lastKept = Array.LastIndexOf(removed, false);
        if (lastKept < 0 && added.Count == 0 && IsBlankBesides(container.Start + 1, container.End - 1, cuts))
        {
            // Emptied, and the cuts took everything inside (comments above the members included): [].
            Collapse(container);
            return;
        }

        _edits.AddRange(cuts);
        var trailingComma = members.Count > 0 && CommaAfter(members[^1].Value.End) >= 0;
        if (added.Count > 0)
        {
            if (lastKept >= 0 && CommaAfter(members[lastKept].Value.End) < 0)
            {
                _edits.Add(new TextEdit(members[lastKept].Value.End, members[lastKept].Value.End, ","));
            }

            var close = container.End - 1;
            var onOwnLine = members.FirstOrDefault(m => IsBlank(LineStart(m.Start), m.Start));
            var indent = onOwnLine is not null ? LineIndent(onOwnLine.Start) : LineIndent(close) + _indentUnit;
            var text = new StringBuilder();
            for (var i = 0; i < added.Count; i++)
            {
                var (name, value) = added[i];
                text.Append(indent).Append(name is null ? "" : Quote(name) + ": ").Append(Render(value, indent))
                    .Append(i < added.Count - 1 || trailingComma ? "," : "").Append(_newLine);
            }

            _edits.Add(new TextEdit(LineStart(close), LineStart(close), text.ToString()));
        }
        else if (lastKept >= 0 && lastKept < members.Count - 1 && !trailingComma && CommaAfter(members[lastKept].Value.End) is var comma and >= 0)
        {
            // The member that ended the list is gone: the comma before it would now be a trailing one.
            _edits.Add(new TextEdit(comma, comma + 1, ""));
        }
    }

    /// <summary>Members on one line: a cut member takes its comma and the blank before the next; added ones follow the last kept one.</summary>
    private void RestructureInline(JsonSpan container, bool[] removed, List<(string? Name, JsonNode? Value)> added)
    {
        var members = container.Members;
        var lastKept = Array.LastIndexOf(removed, false);
        for (var i = 0; i < lastKept; i++)
        {
            if (removed[i])
            {
                _edits.Add(new TextEdit(members[i].Start, members[i + 1].Start, ""));
            }
        }

        var end = members[lastKept].Value.End;
        if (added.Count > 0)
        {
            _edits.Add(new TextEdit(end, end, string.Concat(added.Select(a => ", " + (a.Name is null ? "" : Quote(a.Name) + ": ") + Inline(a.Value)))));
        }

        if (lastKept < members.Count - 1)
        {
            // The members after the last kept one go with the comma before them.
            _edits.Add(new TextEdit(end, members[^1].Value.End, ""));
        }
    }

    /// <summary>
    /// Cuts a member with its comma; when it stands on lines of its own, those lines go with it, and so do the
    /// comment lines right above it (they are about it).
    /// </summary>
    private TextEdit MemberLines(JsonSpanMember member)
    {
        var start = member.Start;
        var end = member.Value.End;
        if (CommaAfter(end) is var comma and >= 0)
        {
            end = comma + 1;
        }

        var lineStart = LineStart(start);
        if (IsBlank(lineStart, start))
        {
            var after = end;
            while (after < _text.Length && _text[after] is (byte)' ' or (byte)'\t')
            {
                after++;
            }

            if (_text.AsSpan(after).StartsWith("//"u8))
            {
                // A comment on the member's own line is about the member.
                var lineEnd = _text.AsSpan(after).IndexOfAny((byte)'\r', (byte)'\n');
                after = lineEnd < 0 ? _text.Length : after + lineEnd;
            }

            var rest = _text.AsSpan(after);
            var lineBreak = rest.StartsWith("\r\n"u8) ? 2 : rest.StartsWith("\n"u8) ? 1 : rest.IsEmpty ? 0 : -1;
            if (lineBreak >= 0)
            {
                (start, end) = (lineStart, after + lineBreak);
                while (start > 0 && IsCommentLine(LineStart(start - 1), start))
                {
                    start = LineStart(start - 1);
                }
            }
        }

        return new TextEdit(start, end, "");
    }

    /// <summary>The text with the edits made, or null when two of them overlap.</summary>
    private string? Apply()
    {
        var result = new List<byte>(_text.Length + 256);
        var position = 0;
        foreach (var edit in _edits.OrderBy(e => e.Start).ThenBy(e => e.End))
        {
            if (edit.Start < position)
            {
                return null;
            }

            result.AddRange(_text.AsSpan(position, edit.Start - position));
            result.AddRange(Encoding.UTF8.GetBytes(edit.Text));
            position = edit.End;
        }

        result.AddRange(_text.AsSpan(position));
        return Encoding.UTF8.GetString([.. result]);
    }

    /// <summary>The value as indented JSON whose lines after the first start with <paramref name="indent"/>.</summary>
    private string Render(JsonNode? node, string indent) =>
        (node?.ToJsonString(_writeOptions) ?? "null").Replace("\n", _newLine + indent, StringComparison.Ordinal);

    /// <summary>Writes an emptied container as its two brackets: <c>[]</c> or <c>{}</c>.</summary>
    private void Collapse(JsonSpan container) =>
        _edits.Add(new TextEdit(container.Start, container.End, Encoding.ASCII.GetString([_text[container.Start], _text[container.End - 1]])));

    /// <summary>The value on one line, spaced as the file's one-line objects usually are: <c>{ "port": 80 }</c>.</summary>
    private string Inline(JsonNode? node) => node switch
    {
        JsonObject o when o.Count > 0 => "{ " + string.Join(", ", o.Select(p => Quote(p.Key) + ": " + Inline(p.Value))) + " }",
        JsonArray a when a.Count > 0 => "[ " + string.Join(", ", a.Select(Inline)) + " ]",
        _ => node?.ToJsonString(_writeOptions) ?? "null",
    };

    private string Quote(string name) => JsonValue.Create(name).ToJsonString(_writeOptions);

    /// <summary>Members can be added or cut line by line only when the closing bracket starts its own line.</summary>
    private bool HasOwnLines(JsonSpan container) => IsBlank(LineStart(container.End - 1), container.End - 1);

    /// <summary>Whether the container holds only its members, commas and blanks (no comments).</summary>
    private bool HasOnlyMembers(JsonSpan container)
    {
        var from = container.Start + 1;
        foreach (var member in container.Members)
        {
            if (!IsGap(from, member.Start))
            {
                return false;
            }

            from = member.Value.End;
        }

        return IsGap(from, container.End - 1);

        bool IsGap(int start, int end) => _text.AsSpan(start, end - start).IndexOfAnyExcept(" \t\r\n,"u8) < 0;
    }

    /// <summary>The offset of the comma that follows <paramref name="position"/> past blanks and comments, or -1.</summary>
    private int CommaAfter(int position)
    {
        var i = position;
        while (i < _text.Length)
        {
            var rest = _text.AsSpan(i);
            if (rest[0] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                i++;
            }
            else if (rest.StartsWith("//"u8))
            {
                var lineEnd = rest.IndexOf((byte)'\n');
                i = lineEnd < 0 ? _text.Length : i + lineEnd;
            }
            else if (rest.StartsWith("/*"u8))
            {
                var commentEnd = rest[2..].IndexOf("*/"u8);
                i = commentEnd < 0 ? _text.Length : i + 2 + commentEnd + 2;
            }
            else
            {
                return rest[0] == (byte)',' ? i : -1;
            }
        }

        return -1;
    }

    private int LineStart(int position) => _text.AsSpan(0, position).LastIndexOf((byte)'\n') + 1;

    private string LineIndent(int position)
    {
        var lineStart = LineStart(position);
        var line = _text.AsSpan(lineStart, position - lineStart);
        var blank = line.IndexOfAnyExcept((byte)' ', (byte)'\t');
        return Encoding.ASCII.GetString(blank < 0 ? line : line[..blank]);
    }

    /// <summary>Whether every byte of [from, to) outside <paramref name="cuts"/> is blank.</summary>
    private bool IsBlankBesides(int from, int to, List<TextEdit> cuts)
    {
        var position = from;
        foreach (var cut in cuts.OrderBy(c => c.Start))
        {
            if (!IsBlankOrLineBreak(position, Math.Max(position, cut.Start)))
            {
                return false;
            }

            position = Math.Max(position, cut.End);
        }

        return IsBlankOrLineBreak(position, Math.Max(position, to));

        bool IsBlankOrLineBreak(int start, int end) => _text.AsSpan(start, end - start).IndexOfAnyExcept(" \t\r\n"u8) < 0;
    }

    /// <summary>Whether [from, to) is a line holding only a comment (<c>// …</c> or <c>/* … */</c>).</summary>
    private bool IsCommentLine(int from, int to)
    {
        var line = _text.AsSpan(from, to - from).Trim(" \t\r\n"u8);
        return line.StartsWith("//"u8) || (line.Length >= 4 && line.StartsWith("/*"u8) && line.IndexOf("*/"u8) == line.Length - 2);
    }

    private bool IsBlank(int from, int to) => _text.AsSpan(from, to - from).IndexOfAnyExcept((byte)' ', (byte)'\t') < 0;
}
