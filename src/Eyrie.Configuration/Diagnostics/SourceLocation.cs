using System.Xml;
using System.Xml.Linq;

namespace Eyrie.Configuration.Diagnostics;

/// <summary>
/// Where a configuration value came from: a file and a 1-based line and column.
/// <see cref="None"/> marks values created in code (for example by <c>eyrie host</c>).
/// </summary>
public readonly record struct SourceLocation(string? File, int Line, int Column)
{
    public static SourceLocation None => default;

    public bool IsKnown => File is not null;

    public static SourceLocation InFile(string file) => new(file, 0, 0);

    /// <summary>The position of an XML node loaded with line information, or just the file.</summary>
    public static SourceLocation Of(string file, XObject? node) =>
        node is IXmlLineInfo info && info.HasLineInfo() ? new SourceLocation(file, info.LineNumber, info.LinePosition) : InFile(file);

    /// <summary>Formats as <c>file(line,column)</c>, the shape compilers use and editors link to.</summary>
    public override string ToString() => File is null
        ? "<no file>"
        : Line <= 0 ? File : Column <= 0 ? $"{File}({Line})" : $"{File}({Line},{Column})";
}
