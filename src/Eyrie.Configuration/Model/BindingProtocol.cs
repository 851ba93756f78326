namespace Eyrie.Configuration.Model;

public enum BindingProtocol
{
    Http,
    Https,
}
