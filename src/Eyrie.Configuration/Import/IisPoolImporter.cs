using System.Xml.Linq;
using Eyrie.Configuration.Model.Pools;

namespace Eyrie.Configuration.Import;

/// <summary>
/// Maps <c>system.applicationHost/applicationPools</c>: each pool (over <c>applicationPoolDefaults</c>, as IIS
/// reads it) becomes the <c>applicationPool</c> of every application that uses it. Every attribute is reported
/// once, where it is written; only values that differ from Eyrie's defaults reach eyrie.json.
/// </summary>
internal sealed class IisPoolImporter
{
    private const string SectionPath = "applicationPools";

    private readonly ImportReport _report;
    private readonly XElement? _defaults;
    private readonly Dictionary<string, XElement> _pools = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<string>> _users = new(StringComparer.OrdinalIgnoreCase);

    public IisPoolImporter(ImportReport report, XElement? applicationPools)
    {
        _report = report;
        if (applicationPools is null)
        {
            return;
        }

        _report.Handle(applicationPools);
        _defaults = applicationPools.Element("applicationPoolDefaults");
        foreach (var pool in applicationPools.Elements("add"))
        {
            if ((string?)pool.Attribute("name") is { Length: > 0 } name)
            {
                _pools.TryAdd(name, pool);
            }
        }
    }

    /// <summary>The pool's settings for one application, or null if no pool of that name is defined.</summary>
    public ImportedPool? Resolve(string poolName, string applicationName)
    {
        if (!_pools.TryGetValue(poolName, out var pool))
        {
            return null;
        }

        if (!_users.TryGetValue(poolName, out var users))
        {
            _users[poolName] = users = [];
        }

        users.Add(applicationName);
        var effective = new Dictionary<string, XAttribute>(StringComparer.Ordinal);
        foreach (var (key, attribute) in Settings(_defaults).Concat(Settings(pool)))
        {
            effective[key] = attribute;
        }

        var draft = new PoolDraft();
        foreach (var (key, attribute) in effective)
        {
            Interpret(key, attribute, draft);
        }

        draft.Schedule.AddRange(Inherited(pool, "recycling/periodicRestart/schedule").Select(a => a.Attribute("value"))
            .Select(v => v is not null && IisValues.TryTimeSpan(v.Value, out var t) && IisValues.OutOfRange(typeof(ScheduleEntry), nameof(ScheduleEntry.Value), t) is null ? t : (TimeSpan?)null)
            .OfType<TimeSpan>());
        draft.EnvironmentVariables.AddRange(Inherited(pool, "environmentVariables")
            .Where(a => a.Attribute("name") is not null)
            .Select(a => new KeyValuePair<string, string>((string)a.Attribute("name")!, (string?)a.Attribute("value") ?? "")));
        var runtime = effective.GetValueOrDefault("@managedRuntimeVersion")?.Value.Trim();
        return draft.ToImportedPool((string)pool.Attribute("name")!) with { ClassicRuntime = string.IsNullOrEmpty(runtime) ? null : runtime };
    }

    /// <summary>Reports every pool and default attribute, once, with the applications that use each pool.</summary>
    public void Report()
    {
        if (_defaults is not null)
        {
            _report.Handle(_defaults);
            ReportSettings(_defaults, $"{SectionPath}/applicationPoolDefaults", " (default of every pool)");
        }

        foreach (var (name, pool) in _pools)
        {
            var path = $"{SectionPath}/add[{name}]";
            _report.Handle(pool.Attribute("name")!);
            var users = _users.GetValueOrDefault(name) ?? [];
            switch (users.Count)
            {
                case 0:
                    _report.Skipped(pool, path, "no application uses this pool");
                    break;
                case 1:
                    _report.Mapped(pool, path, $"the applicationPool of {users[0]}");
                    break;
                default:
                    _report.Changed(pool, path, $"shared by {string.Join(", ", users)}: each gets a copy, as Eyrie keeps one pool per application (they no longer share recycles or the rapid-fail count)");
                    break;
            }

            ReportSettings(pool, path, "");
        }
    }

    private void ReportSettings(XElement root, string rootPath, string suffix)
    {
        foreach (var (key, attribute) in Settings(root))
        {
            var (action, message) = Interpret(key, attribute, new PoolDraft());
            _report.Add(attribute, action, $"{rootPath}/{key}", message + suffix);
        }

        foreach (var entry in Collection(root, "recycling/periodicRestart/schedule"))
        {
            var value = entry.Attribute("value");
            var path = $"{rootPath}/recycling/periodicRestart/schedule/add[{value?.Value}]";
            _report.HandleTree(entry);
            if (value is not null && IisValues.TryTimeSpan(value.Value, out var time) && IisValues.OutOfRange(typeof(ScheduleEntry), nameof(ScheduleEntry.Value), time) is null)
            {
                _report.Mapped(entry, path, $"recycling.periodicRestart.schedule: recycle at {IisValues.Format(time)} local time{suffix}");
            }
            else
            {
                _report.Skipped(entry, path, "not a time of day hh:mm:ss");
            }
        }

        foreach (var entry in Collection(root, "environmentVariables"))
        {
            _report.HandleTree(entry);
            _report.Mapped(entry, $"{rootPath}/environmentVariables/add[{(string?)entry.Attribute("name")}]",
                $"aspNetCore.environmentVariables of the pool's applications (IIS passes the pool's variables on to the app's process){suffix}");
        }

        foreach (var marker in CollectionMarkers(root))
        {
            _report.Handle(marker);
        }
    }

    /// <summary>The pool's scalar attributes with their paths relative to the pool, e.g. <c>processModel/@idleTimeout</c>.</summary>
    private static IEnumerable<(string Key, XAttribute Attribute)> Settings(XElement? root)
    {
        if (root is null)
        {
            yield break;
        }

        foreach (var element in root.DescendantsAndSelf().Where(e => !IsInCollection(root, e)))
        {
            var prefix = string.Join('/', element.AncestorsAndSelf().TakeWhile(e => e != root).Reverse().Select(e => e.Name.LocalName));
            foreach (var attribute in element.Attributes().Where(a => !a.IsNamespaceDeclaration && !(element == root && a.Name.LocalName == "name")))
            {
                yield return ((prefix.Length == 0 ? "" : prefix + "/") + "@" + attribute.Name.LocalName, attribute);
            }
        }
    }

    private static bool IsInCollection(XElement root, XElement element) =>
        element.AncestorsAndSelf().TakeWhile(e => e != root).Any(e => e.Name.LocalName is "schedule" or "environmentVariables");

    private static IEnumerable<XElement> Collection(XElement? root, string path) => Container(root, path)?.Elements("add") ?? [];

    /// <summary>A pool's collection entries after the defaults' ones, as IIS merges collections (unless the pool clears them).</summary>
    private IEnumerable<XElement> Inherited(XElement pool, string path) =>
        (Container(pool, path)?.Element("clear") is null ? Collection(_defaults, path) : []).Concat(Collection(pool, path));

    private static XElement? Container(XElement? root, string path)
    {
        var container = root;
        foreach (var name in path.Split('/'))
        {
            container = container?.Element(name);
        }

        return container;
    }

    private static IEnumerable<XObject> CollectionMarkers(XElement root) =>
        root.Descendants().Where(e => e.Name.LocalName is "schedule" or "environmentVariables" or "clear" or "remove"
            || (e.Name.LocalName is "recycling" or "periodicRestart" or "processModel" or "failure" or "cpu")).Cast<XObject>();

    /// <summary>What one pool attribute means for Eyrie; applies it to <paramref name="draft"/> when it differs from Eyrie's default.</summary>
    private static (ImportAction Action, string Message) Interpret(string key, XAttribute attribute, PoolDraft draft)
    {
        var text = attribute.Value.Trim();
        switch (key)
        {
            case "@startMode":
                if (text.Equals("AlwaysRunning", StringComparison.OrdinalIgnoreCase))
                {
                    draft.AlwaysRunning = true;
                    return (ImportAction.Mapped, "startMode alwaysRunning for its applications with preloadEnabled (IIS starts the app itself only with preload)");
                }

                return text.Equals("OnDemand", StringComparison.OrdinalIgnoreCase)
                    ? Default("OnDemand")
                    : (ImportAction.Skipped, $"'{text}' is not OnDemand or AlwaysRunning");
            case "@queueLength":
                return Integer(text, typeof(ApplicationPoolConfig), nameof(ApplicationPoolConfig.QueueLength), ApplicationPoolConfig.DefaultQueueLength, "queueLength", v => draft.QueueLength = (int)v);
            case "@autoStart":
                return IisValues.TryBoolean(text, out var autoStart) && !autoStart
                    ? (ImportAction.Changed, "autoStart false: Eyrie serves every application of eyrie.json; stop one with `eyrie app stop`")
                    : (ImportAction.Mapped, "true, as Eyrie does");
            case "@managedRuntimeVersion":
                return text.Length == 0
                    ? (ImportAction.Mapped, "No Managed Code, as ASP.NET Core apps use")
                    : (ImportAction.Skipped, $"{text}: a classic ASP.NET (.NET Framework) pool; Eyrie hosts ASP.NET Core apps, for which this setting does nothing");
            case "@managedPipelineMode":
                return (ImportAction.Skipped, "the classic ASP.NET pipeline mode; ASP.NET Core apps ignore it");
            case "@enable32BitAppOnWin64":
                return (ImportAction.Skipped, "bitness is the app's own (dotnet publish -r linux-x64, …)");
            case "@enableConfigurationOverride":
                return IisValues.TryBoolean(text, out var overrides) && !overrides
                    ? (ImportAction.Changed, "false: Eyrie always reads the app's web.config")
                    : (ImportAction.Mapped, "true, as Eyrie does");
            case "processModel/@idleTimeout":
                return Time(text, typeof(ProcessModelConfig), nameof(ProcessModelConfig.IdleTimeout), ProcessModelConfig.DefaultIdleTimeout, "processModel.idleTimeout", v => draft.IdleTimeout = v);
            case "processModel/@idleTimeoutAction":
                return text.Equals("Terminate", StringComparison.OrdinalIgnoreCase)
                    ? (ImportAction.Mapped, "Terminate, as Eyrie stops idle workers")
                    : (ImportAction.Changed, $"{text}: Eyrie stops idle workers (Terminate); there is no suspend");
            case "processModel/@maxProcesses":
                if (!IisValues.TryInteger(text, out var processes))
                {
                    return (ImportAction.Skipped, $"'{text}' is not a number");
                }

                if (processes == 1)
                {
                    return Default("1");
                }

                if (processes == 0)
                {
                    return (ImportAction.Changed, "0 (a worker per NUMA node): left at 1 worker; set aspNetCore.processesPerApplication for more");
                }

                draft.ProcessesPerApplication = (int)Math.Min(processes, 100);
                return (ImportAction.Changed, $"web garden: aspNetCore.processesPerApplication {draft.ProcessesPerApplication} on each application (Eyrie spreads requests over the workers itself{(processes > 100 ? "; 100 at most" : "")})");
            case "processModel/@identityType" or "processModel/@userName":
                return (ImportAction.Skipped, "workers run as Eyrie's user; give that user access to the app folders");
            case "processModel/@password":
                return (ImportAction.Skipped, "workers run as Eyrie's user; the password is not copied");
            case "processModel/@pingingEnabled" or "processModel/@pingInterval" or "processModel/@pingResponseTime":
                return (ImportAction.Skipped, "IIS pings its w3wp worker, which Eyrie has not; to check the app itself, set applicationPool.healthCheck");
            case "processModel/@startupTimeLimit" or "processModel/@shutdownTimeLimit":
                return (ImportAction.Skipped, "w3wp's limit; the app's own are startupTimeLimit and shutdownTimeLimit of <aspNetCore> in its web.config");
            case "processModel/@loadUserProfile" or "processModel/@setProfileEnvironment" or "processModel/@manualGroupMembership"
                or "processModel/@logEventOnProcessModel" or "processModel/@requestQueueDelegatorIdentity":
                return (ImportAction.Skipped, "Windows account and event-log setting with no Linux equivalent");
            case "recycling/@disallowOverlappingRotation":
                return Boolean(text, false, "recycling.disallowOverlappingRotation", v => draft.DisallowOverlappingRotation = v);
            case "recycling/@disallowRotationOnConfigChange":
                return Boolean(text, false, "recycling.disallowRotationOnConfigChange", v => draft.DisallowRotationOnConfigChange = v);
            case "recycling/@logEventOnRecycle":
                return (ImportAction.Skipped, "Eyrie logs every recycle with its reason");
            case "recycling/periodicRestart/@time":
                return Time(text, typeof(PeriodicRestartConfig), nameof(PeriodicRestartConfig.Time), PeriodicRestartConfig.DefaultTime, "recycling.periodicRestart.time", v => draft.Time = v);
            case "recycling/periodicRestart/@requests":
                return Integer(text, typeof(PeriodicRestartConfig), nameof(PeriodicRestartConfig.Requests), 0, "recycling.periodicRestart.requests", v => draft.Requests = v);
            case "recycling/periodicRestart/@memory":
                return Integer(text, typeof(PeriodicRestartConfig), nameof(PeriodicRestartConfig.Memory), 0, "recycling.periodicRestart.memory", v => draft.Memory = v, " KB");
            case "recycling/periodicRestart/@privateMemory":
                return Integer(text, typeof(PeriodicRestartConfig), nameof(PeriodicRestartConfig.PrivateMemory), 0, "recycling.periodicRestart.privateMemory", v => draft.PrivateMemory = v, " KB");
            case "failure/@rapidFailProtection":
                return Boolean(text, true, "failure.rapidFailProtection", v => draft.RapidFailProtection = v);
            case "failure/@rapidFailProtectionInterval":
                return Time(text, typeof(FailureConfig), nameof(FailureConfig.RapidFailProtectionInterval), FailureConfig.DefaultInterval, "failure.rapidFailProtectionInterval", v => draft.RapidFailProtectionInterval = v);
            case "failure/@rapidFailProtectionMaxCrashes":
                return Integer(text, typeof(FailureConfig), nameof(FailureConfig.RapidFailProtectionMaxCrashes), FailureConfig.DefaultMaxCrashes, "failure.rapidFailProtectionMaxCrashes", v => draft.RapidFailProtectionMaxCrashes = (int)v);
            case "failure/@loadBalancerCapabilities":
                if (!Enum.TryParse<LoadBalancerCapabilities>(text, ignoreCase: true, out var capabilities) || !Enum.IsDefined(capabilities))
                {
                    return (ImportAction.Skipped, $"'{text}' is not HttpLevel or TcpLevel");
                }

                if (capabilities == LoadBalancerCapabilities.HttpLevel)
                {
                    return Default("HttpLevel");
                }

                draft.LoadBalancerCapabilities = capabilities;
                return (ImportAction.Mapped, "failure.loadBalancerCapabilities tcpLevel");
            case "failure/@orphanWorkerProcess" or "failure/@orphanActionExe" or "failure/@orphanActionParams"
                or "failure/@autoShutdownExe" or "failure/@autoShutdownParams":
                return (ImportAction.Skipped, "a debugging hook of IIS's process manager; Eyrie has none");
            default:
                if (key.StartsWith("cpu/", StringComparison.Ordinal))
                {
                    return (ImportAction.Skipped, "Eyrie does not limit CPU; use systemd's CPUQuota= (or a cgroup) for Eyrie's service");
                }

                return (ImportAction.Skipped, $"{IisValues.Shown(attribute)}: not imported (no Eyrie equivalent)");
        }
    }

    private static (ImportAction, string) Default(string value) => (ImportAction.Mapped, $"{value}, Eyrie's default (not written)");

    private static (ImportAction, string) Boolean(string text, bool eyrieDefault, string key, Action<bool> apply)
    {
        if (!IisValues.TryBoolean(text, out var value))
        {
            return (ImportAction.Skipped, $"'{text}' is not true or false");
        }

        if (value == eyrieDefault)
        {
            return Default(value ? "true" : "false");
        }

        apply(value);
        return (ImportAction.Mapped, $"{key} {(value ? "true" : "false")}");
    }

    private static (ImportAction, string) Integer(string text, Type record, string property, long eyrieDefault, string key, Action<long> apply, string unit = "")
    {
        if (!IisValues.TryInteger(text, out var value))
        {
            return (ImportAction.Skipped, $"'{text}' is not a number");
        }

        if (IisValues.OutOfRange(record, property, value) is { } range)
        {
            return (ImportAction.Skipped, $"{value} is outside what Eyrie accepts ({range})");
        }

        if (value == eyrieDefault)
        {
            return Default(text);
        }

        apply(value);
        return (ImportAction.Mapped, $"{key} {value}{unit}");
    }

    private static (ImportAction, string) Time(string text, Type record, string property, TimeSpan eyrieDefault, string key, Action<TimeSpan> apply)
    {
        if (!IisValues.TryTimeSpan(text, out var value))
        {
            return (ImportAction.Skipped, $"'{text}' is not a time span hh:mm:ss");
        }

        if (IisValues.OutOfRange(record, property, value) is { } range)
        {
            return (ImportAction.Skipped, $"{text} is outside what Eyrie accepts ({range})");
        }

        if (value == eyrieDefault)
        {
            return Default(IisValues.Format(value));
        }

        apply(value);
        return (ImportAction.Mapped, $"{key} {IisValues.Format(value)}");
    }
}
