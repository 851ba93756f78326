namespace Eyrie.Server.Security;

/// <summary>What a security check decided for a request: pass, or the IIS status and sub-status to answer (or abort).</summary>
public readonly record struct SecurityDecision(int Status, int SubStatus, bool Abort)
{
    public static SecurityDecision Pass => default;

    public bool IsDenied => Status != 0 || Abort;

    public static SecurityDecision Deny(int status, int subStatus) => new(status, subStatus, false);
}
