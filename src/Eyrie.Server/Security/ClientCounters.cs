namespace Eyrie.Server.Security;

/// <summary>What a dynamic IP limiter knows of one client: requests in progress and its current rate window.</summary>
internal sealed class ClientCounters
{
    public int Active;
    public long WindowStart;
    public int CountInWindow;
    public long LastSeen;
}
