namespace Eyrie.Server.Farms;

/// <summary>One server of a farm as status output shows it.</summary>
/// <param name="Id">Its id: address and ports.</param>
/// <param name="Address">Where requests go.</param>
/// <param name="InRotation">Whether it gets new requests.</param>
/// <param name="ActiveHealth">What its health tests say: Unknown, Healthy or Unhealthy.</param>
/// <param name="PassiveHealth">What live traffic says: Unknown, Healthy or Unhealthy.</param>
/// <param name="ActiveRequests">Requests in progress.</param>
public sealed record FarmServerStatus(string Id, string Address, bool InRotation, string ActiveHealth, string PassiveHealth, int ActiveRequests);
