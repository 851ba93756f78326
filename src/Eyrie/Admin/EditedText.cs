namespace Eyrie.Admin;

/// <summary>eyrie.json after a CLI edit, and how many of its comments were inside parts the edit had to rewrite.</summary>
internal sealed record EditedText(string Text, int DroppedComments);
