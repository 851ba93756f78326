namespace Eyrie.Admin;

/// <summary>
/// Where a JSON value is written in a text: UTF-8 byte offsets [<see cref="Start"/>, <see cref="End"/>), and for
/// an object or array its members in order (<see cref="End"/> is then just after the closing bracket).
/// </summary>
internal sealed record JsonSpan(int Start, int End, IReadOnlyList<JsonSpanMember> Members);
