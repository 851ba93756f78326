namespace Eyrie.Admin;

/// <summary>A member of an object or array: <see cref="Start"/> is its property name's opening quote, or the item's own start.</summary>
internal sealed record JsonSpanMember(int Start, JsonSpan Value);
