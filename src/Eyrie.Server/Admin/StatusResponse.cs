using Eyrie.Server.Farms;

namespace Eyrie.Server.Admin;

/// <summary>The answer of <c>GET /api/status</c>: Eyrie itself, every site with its bindings, applications and workers, and the web farms.</summary>
public sealed record StatusResponse(ServerStatus Eyrie, IReadOnlyList<SiteStatus> Sites, IReadOnlyList<FarmStatus> Farms);
