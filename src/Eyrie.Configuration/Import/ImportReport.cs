using System.Xml;
using System.Xml.Linq;

namespace Eyrie.Configuration.Import;

/// <summary>
/// Collects the report lines of an import and remembers which elements and attributes have been accounted
/// for, so that anything the importer does not know is still reported rather than silently dropped.
/// </summary>
internal sealed class ImportReport
{
    private readonly List<(ImportReportEntry Entry, int Order)> _entries = [];
    private readonly HashSet<XObject> _handled = [];

    public void Add(XObject node, ImportAction action, string path, string message)
    {
        _handled.Add(node);
        _entries.Add((new ImportReportEntry(Line(node), action, path, message), _entries.Count));
    }

    /// <summary>Adds a line found by its number only (a diagnostic of a bound section).</summary>
    public void AddAt(int line, ImportAction action, string path, string message) =>
        _entries.Add((new ImportReportEntry(line, action, path, message), _entries.Count));

    public void Mapped(XObject node, string path, string message) => Add(node, ImportAction.Mapped, path, message);

    public void Changed(XObject node, string path, string message) => Add(node, ImportAction.Changed, path, message);

    public void Skipped(XObject node, string path, string message) => Add(node, ImportAction.Skipped, path, message);

    /// <summary>Marks a node as accounted for without a line of its own (e.g. a name already shown in its element's line).</summary>
    public void Handle(XObject node) => _handled.Add(node);

    /// <summary>Marks an element, its attributes and everything below it as accounted for.</summary>
    public void HandleTree(XElement element)
    {
        foreach (var e in element.DescendantsAndSelf())
        {
            _handled.Add(e);
            foreach (var a in e.Attributes())
            {
                _handled.Add(a);
            }
        }
    }

    public bool IsHandled(XObject node) => _handled.Contains(node);

    /// <summary>The lines in input order (line, then the order they were found).</summary>
    public IReadOnlyList<ImportReportEntry> Entries() =>
        [.. _entries.OrderBy(e => e.Entry.Line).ThenBy(e => e.Order).Select(e => e.Entry)];

    public static int Line(XObject node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;
}
