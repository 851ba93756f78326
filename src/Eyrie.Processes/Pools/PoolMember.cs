using Eyrie.Processes.Resources;
using Eyrie.Processes.Workers;

namespace Eyrie.Processes.Pools;

/// <summary>What a pool knows of one of its workers beyond the worker itself. Owned by the pool loop.</summary>
internal sealed class PoolMember(Worker worker, StartTicket ticket)
{
    public Worker Worker { get; } = worker;

    /// <summary>The generation it belongs to: a full recycle starts the next one.</summary>
    public int Generation { get; } = ticket.Generation;

    /// <summary>Why it was started, and by what.</summary>
    public StartTicket Ticket { get; } = ticket;

    /// <summary>Gets requests (ready, of the serving generation, not replaced or unhealthy).</summary>
    public bool InRotation { get; set; }

    /// <summary>A replacement for it is starting (periodic restart, failed health checks).</summary>
    public bool BeingReplaced { get; set; }

    public int HealthFailures { get; set; }

    public bool HealthCheckRunning { get; set; }

    public ProcessSample? Sample { get; set; }

    public double CpuPercent { get; set; }

    /// <summary>Starting or ready: counts towards the pool's number of workers.</summary>
    public bool IsLive => Worker.State is WorkerState.Starting or WorkerState.Ready;
}
