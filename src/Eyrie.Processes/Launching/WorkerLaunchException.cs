namespace Eyrie.Processes.Launching;

/// <summary>
/// A worker cannot be launched as configured (program not found, invalid fixed port, …). Such a failure
/// is not retried with a new port; the request gets 502.5 with this message.
/// </summary>
public sealed class WorkerLaunchException : Exception
{
    public WorkerLaunchException()
    {
    }

    public WorkerLaunchException(string message)
        : base(message)
    {
    }

    public WorkerLaunchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
