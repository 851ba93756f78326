using System.ComponentModel;

namespace Eyrie.Configuration.Model.Farms;

/// <summary>ARR's <c>affinity</c>: a cookie, named ARRAffinity by default, that holds the client's server.</summary>
public sealed record FarmAffinityConfig
{
    public const string DefaultCookieName = "ARRAffinity";

    [Description("Keep each client on one server with a cookie (default false).")]
    public bool? UseCookie { get; init; }

    [Description("The cookie's name (default ARRAffinity).")]
    public string? CookieName { get; init; }
}
