namespace Eyrie.Admin;

/// <summary>Replace the UTF-8 bytes [<see cref="Start"/>, <see cref="End"/>) of a text with <see cref="Text"/> (an insertion when they are equal).</summary>
internal readonly record struct TextEdit(int Start, int End, string Text);
