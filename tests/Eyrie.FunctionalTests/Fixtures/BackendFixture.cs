using Eyrie.FunctionalTests.Infrastructure;

namespace Eyrie.FunctionalTests.Fixtures;

/// <summary>Eyrie hosting the test backend with default settings.</summary>
public sealed class BackendFixture : EyrieFixture
{
    protected override string Configuration(string appPath) => ConfigFiles.SingleApplication(appPath);
}
