namespace Eyrie.Processes.Launching;

/// <summary>The environment variables of the ANCM contract (iis-ancm.md §1.4, §2.3).</summary>
public static class AncmVariables
{
    public const string Port = "ASPNETCORE_PORT";
    public const string ApplicationPath = "ASPNETCORE_APPL_PATH";
    public const string Token = "ASPNETCORE_TOKEN";
    public const string HttpAuth = "ASPNETCORE_IIS_HTTPAUTH";
    public const string WebSocketsSupported = "ASPNETCORE_IIS_WEBSOCKETS_SUPPORTED";
    public const string PhysicalPath = "ASPNETCORE_IIS_PHYSICAL_PATH";
    public const string HttpsPort = "ASPNETCORE_ANCM_HTTPS_PORT";
    public const string HostingStartupAssemblies = "ASPNETCORE_HOSTINGSTARTUPASSEMBLIES";
    public const string IisIntegrationAssembly = "Microsoft.AspNetCore.Server.IISIntegration";
    public const string LauncherPath = "ANCM_LAUNCHER_PATH";
    public const string LauncherArgs = "ANCM_LAUNCHER_ARGS";
    public const string PreferEnvironmentVariables = "ANCM_PREFER_ENVIRONMENT_VARIABLES";
    public const string DetailedErrors = "ASPNETCORE_DETAILEDERRORS";
    public const string AspNetCoreEnvironment = "ASPNETCORE_ENVIRONMENT";
    public const string DotnetEnvironment = "DOTNET_ENVIRONMENT";

    /// <summary>Anonymous only: Eyrie forwards no Windows identity.</summary>
    public const string AnonymousAuth = "anonymous;";
}
