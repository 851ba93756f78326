using Eyrie.Configuration.Diagnostics;

namespace Eyrie.Configuration.Import;

/// <summary>The input cannot be imported at all (unreadable, malformed XML, not an IIS configuration).</summary>
public sealed class IisImportException : Exception
{
    public IisImportException()
    {
    }

    public IisImportException(string message)
        : base(message)
    {
    }

    public IisImportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public IisImportException(SourceLocation location, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Location = location;
    }

    public SourceLocation Location { get; }

    /// <summary>Formats as <c>file(line,col): error: message</c>, as the other configuration errors are.</summary>
    public override string ToString() => $"{Location}: error: {Message}";
}
