using System.Collections.Frozen;

namespace Eyrie.Server.Farms;

/// <summary>The current <see cref="FarmSettings"/> of every farm, by name; replaced whole on each apply.</summary>
public sealed class FarmSettingsRegistry
{
    private FrozenDictionary<string, FarmSettings> _farms = FrozenDictionary<string, FarmSettings>.Empty;

    public FarmSettings? Find(string clusterId) => _farms.GetValueOrDefault(clusterId);

    public void Replace(IEnumerable<FarmSettings> farms) =>
        _farms = farms.ToFrozenDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
}
