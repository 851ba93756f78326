namespace Eyrie.Server.Hosting;

/// <summary>What the reload loop is asked to do: reload eyrie.json (and answer <paramref name="Completion"/>), or re-read the apps' web.configs.</summary>
internal sealed record ReloadTrigger(bool WebConfigsOnly, TaskCompletionSource<ReloadResult>? Completion, bool FromFileWatch = false, ConfigReplacement? Replacement = null);
