namespace Eyrie.Server.Routing;

/// <summary>How a binding's host name matches, in IIS precedence order: exact, then wildcard, then any.</summary>
public enum HostMatch
{
    Exact,
    Wildcard,
    Any,
}
