namespace Eyrie.Configuration.Model.Security;

/// <summary>What IIS's IP restrictions answer a denied client.</summary>
public enum DenyAction
{
    /// <summary>401.</summary>
    Unauthorized,

    /// <summary>403 (IIS's default).</summary>
    Forbidden,

    /// <summary>404.</summary>
    NotFound,

    /// <summary>Close the connection without an answer.</summary>
    AbortRequest,
}
