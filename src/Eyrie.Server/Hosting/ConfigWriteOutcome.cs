namespace Eyrie.Server.Hosting;

/// <summary>How a write of eyrie.json through the admin API ended.</summary>
public enum ConfigWriteOutcome
{
    /// <summary>Validated, applied, and written.</summary>
    Applied,

    /// <summary>The file changed since the writer read it (If-Match did not match): nothing written.</summary>
    PreconditionFailed,

    /// <summary>The text is not JSON: nothing written or applied.</summary>
    Malformed,

    /// <summary>JSON, but not a valid configuration: nothing written or applied.</summary>
    Invalid,

    /// <summary>Valid, but applying it failed (a port in use, a certificate): nothing written; the running configuration is unchanged.</summary>
    NotApplied,

    /// <summary>Eyrie runs without a configuration file (eyrie host).</summary>
    NoFile,
}
