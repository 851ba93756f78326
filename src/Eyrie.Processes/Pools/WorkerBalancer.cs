using Eyrie.Configuration.Model.Pools;
using Eyrie.Processes.Workers;

namespace Eyrie.Processes.Pools;

/// <summary>Picks the ready worker a request goes to. Lock-free: the counter is the only shared state.</summary>
internal static class WorkerBalancer
{
    /// <summary>The order in which to try <paramref name="ready"/> workers, starting with the pick.</summary>
    public static int Pick(Worker[] ready, WorkerLoadBalancing algorithm, ref uint counter)
    {
        switch (algorithm)
        {
            case WorkerLoadBalancing.LeastRequests:
                // Ties go round robin, so an idle pool still spreads its requests.
                var start = (int)(Interlocked.Increment(ref counter) % (uint)ready.Length);
                var best = start;
                for (var i = 1; i < ready.Length; i++)
                {
                    var candidate = (start + i) % ready.Length;
                    if (ready[candidate].ActiveRequests < ready[best].ActiveRequests)
                    {
                        best = candidate;
                    }
                }

                return best;
            case WorkerLoadBalancing.PowerOfTwoChoices when ready.Length > 1:
                var first = Random.Shared.Next(ready.Length);
                var second = Random.Shared.Next(ready.Length - 1);
                second = second >= first ? second + 1 : second;
                return ready[second].ActiveRequests < ready[first].ActiveRequests ? second : first;
            default:
                return (int)(Interlocked.Increment(ref counter) % (uint)ready.Length);
        }
    }
}
