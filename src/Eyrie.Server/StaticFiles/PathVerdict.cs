namespace Eyrie.Server.StaticFiles;

/// <summary>What the path guard decided, with the IIS sub-status of a refusal (all answered as 404).</summary>
public enum PathVerdict
{
    Allowed = 0,

    /// <summary>404.5: a character or sequence no file path may contain (backslash, colon, NUL, …).</summary>
    DeniedSequence = 5,

    /// <summary>404.7: a file type that is never served (appsettings*.json, *.deps.json, web.config, …).</summary>
    DeniedFile = 7,

    /// <summary>404.8: a hidden segment (bin, App_Data, web.config, a dot-file, …).</summary>
    HiddenSegment = 8,

    /// <summary>404.11: a percent sign left after decoding, i.e. double escaping.</summary>
    DoubleEscaped = 11,
}
