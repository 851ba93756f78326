namespace Eyrie.Configuration.Import;

/// <summary>One line of the import report: where in applicationHost.config, what happened, and why.</summary>
/// <param name="Line">The 1-based line of the element or attribute in the input (0 when unknown).</param>
/// <param name="Path">The element or attribute, e.g. <c>sites/site[Shop]/bindings/binding[*:443:shop]/@sslFlags</c>.</param>
public sealed record ImportReportEntry(int Line, ImportAction Action, string Path, string Message)
{
    /// <summary>Formats as <c>file(line): Action  path: message</c>, the shape editors link to.</summary>
    public string Format(string fileName) =>
        $"{fileName}({Line}): {Action.ToString().PadRight(7)}  {Path}: {Message}";
}
