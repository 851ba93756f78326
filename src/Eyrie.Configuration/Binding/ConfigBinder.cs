using System.Globalization;
using System.Text.Json;
using Eyrie.Configuration.Diagnostics;
using Eyrie.Configuration.Iis;
using Eyrie.Configuration.Json;
using Eyrie.Configuration.Model;

namespace Eyrie.Configuration.Binding;

/// <summary>
/// Binds a <see cref="JsonSourceNode"/> tree onto configuration records. Keys are matched
/// case-insensitively; every problem (unknown key, wrong type, out of range, missing required key) is
/// reported with its file, line and key path, and binding goes on so that one run lists them all.
/// </summary>
/// <param name="diagnostics">Where problems are reported.</param>
/// <param name="sourceMap">Where each bound record was written.</param>
/// <param name="lenientScalars">
/// True for trees made from XML (web.config), where every value is text: booleans, numbers and names are
/// then read from strings as IIS reads its attributes.
/// </param>
public sealed class ConfigBinder(DiagnosticBag diagnostics, ConfigSourceMap sourceMap, bool lenientScalars = false)
{
    private readonly DiagnosticBag _diagnostics = diagnostics;
    private readonly ConfigSourceMap _sourceMap = sourceMap;
    private readonly bool _lenient = lenientScalars;

    /// <summary>Binds the root object. Returns null only if the root is not an object.</summary>
    public T? BindRoot<T>(JsonSourceNode node, string rootPath = "")
        where T : class
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node is not JsonSourceObject)
        {
            _diagnostics.Error(node.Location, rootPath, $"expected an object at the top level, found {node.KindName}");
            return null;
        }

        return (T?)BindRecord(typeof(T), (JsonSourceObject)node, rootPath);
    }

    private object? Bind(Type type, JsonSourceNode node, string path, bool nullable)
    {
        if (node is JsonSourceValue { Kind: JsonValueKind.Null })
        {
            if (!nullable)
            {
                _diagnostics.Error(node.Location, path, "must not be null");
            }

            return null;
        }

        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string))
        {
            return ExpectValue(node, path, JsonValueKind.String, "a string") is { } s ? s.Text : null;
        }

        if (underlying == typeof(bool))
        {
            if (node is JsonSourceValue { Kind: JsonValueKind.True or JsonValueKind.False } b)
            {
                return b.Kind == JsonValueKind.True;
            }

            if (_lenient && node is JsonSourceValue { Kind: JsonValueKind.String } text && IisValueParser.TryParseBoolean(text.Text!, out var parsed))
            {
                return parsed;
            }

            Mismatch(node, path, "true or false");
            return null;
        }

        if (underlying == typeof(int) || underlying == typeof(long) || underlying == typeof(uint))
        {
            return BindInteger(underlying, node, path);
        }

        if (underlying == typeof(TimeSpan))
        {
            if (ExpectValue(node, path, JsonValueKind.String, "a time span string hh:mm:ss") is not { } ts)
            {
                return null;
            }

            if (IisValueParser.TryParseTimeSpan(ts.Text!, out var span))
            {
                return span;
            }

            _diagnostics.Error(node.Location, path, $"'{ts.Text}' is not a time span; write [d.]hh:mm:ss, e.g. 00:02:00");
            return null;
        }

        if (underlying.IsEnum)
        {
            return BindEnum(underlying, node, path);
        }

        if (underlying == typeof(ConfigMap))
        {
            return BindMap(node, path);
        }

        if (ConfigTypeModel.IsList(underlying, out var elementType))
        {
            return BindList(underlying, elementType, node, path);
        }

        if (node is JsonSourceObject obj)
        {
            return BindRecord(underlying, obj, path);
        }

        Mismatch(node, path, "an object");
        return null;
    }

    private object BindRecord(Type type, JsonSourceObject node, string path)
    {
        var model = ConfigTypeModel.For(type);
        var instance = Activator.CreateInstance(type)!;
        _sourceMap.Record(instance, node.Location, path);

        var seen = new Dictionary<string, JsonSourceProperty>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in node.Properties)
        {
            var propertyPath = path.Length == 0 ? property.Name : path + "." + property.Name;
            if (seen.TryGetValue(property.Name, out var first))
            {
                _diagnostics.Error(property.NameLocation, propertyPath, $"duplicate key (first written at line {first.NameLocation.Line})");
                continue;
            }

            seen.Add(property.Name, property);
            var target = model.FindByKey(property.Name);
            if (target is null)
            {
                _diagnostics.Error(property.NameLocation, propertyPath, UnknownKeyMessage(property.Name, model));
                continue;
            }

            propertyPath = path.Length == 0 ? target.Key : path + "." + target.Key;
            var value = Bind(target.Type, property.Value, propertyPath, target.IsNullable);
            _sourceMap.RecordProperty(instance, target.Property.Name, property.Value.Location);
            if (value is null)
            {
                continue;
            }

            if (CheckRange(target, value, property.Value.Location, propertyPath))
            {
                target.Property.SetValue(instance, value);
            }
        }

        foreach (var required in model.Properties.Where(p => p.IsRequired && !seen.ContainsKey(p.Key)))
        {
            _diagnostics.Error(node.Location, path.Length == 0 ? required.Key : path + "." + required.Key, "required key is missing");
        }

        return instance;
    }

    private object? BindList(Type listType, Type elementType, JsonSourceNode node, string path)
    {
        if (node is not JsonSourceArray array)
        {
            Mismatch(node, path, "an array");
            return null;
        }

        var items = new List<object>();
        for (var i = 0; i < array.Items.Count; i++)
        {
            if (Bind(elementType, array.Items[i], $"{path}[{i}]", nullable: false) is { } item)
            {
                items.Add(item);
            }
        }

        var typed = Array.CreateInstance(elementType, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            typed.SetValue(items[i], i);
        }

        return Activator.CreateInstance(listType, typed);
    }

    private ConfigMap? BindMap(JsonSourceNode node, string path)
    {
        if (node is not JsonSourceObject obj)
        {
            Mismatch(node, path, "an object of names and string values");
            return null;
        }

        var entries = new List<KeyValuePair<string, string>>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in obj.Properties)
        {
            var entryPath = $"{path}.{property.Name}";
            if (!seen.Add(property.Name))
            {
                _diagnostics.Error(property.NameLocation, entryPath, "duplicate name (names are case-insensitive)");
                continue;
            }

            if (property.Name.Length == 0)
            {
                _diagnostics.Error(property.NameLocation, path, "a name must not be empty");
                continue;
            }

            // Numbers and booleans are accepted as their text: "PORT": 5000 means "5000".
            switch (property.Value)
            {
                case JsonSourceValue { Kind: JsonValueKind.String or JsonValueKind.Number } v:
                    entries.Add(new(property.Name, v.Text!));
                    break;
                case JsonSourceValue { Kind: JsonValueKind.True }:
                    entries.Add(new(property.Name, "true"));
                    break;
                case JsonSourceValue { Kind: JsonValueKind.False }:
                    entries.Add(new(property.Name, "false"));
                    break;
                default:
                    Mismatch(property.Value, entryPath, "a string");
                    break;
            }
        }

        return new ConfigMap(entries);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1859", Justification = "Returns a boxed int, uint or long, whichever the property needs.")]
    private object? BindInteger(Type type, JsonSourceNode node, string path)
    {
        if (_lenient && node is JsonSourceValue { Kind: JsonValueKind.String } text)
        {
            node = new JsonSourceValue(text.Location, JsonValueKind.Number, text.Text!.Trim());
        }

        if (ExpectValue(node, path, JsonValueKind.Number, "a whole number") is not { } number)
        {
            return null;
        }

        if (!long.TryParse(number.Text, _lenient ? NumberStyles.None : NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            _diagnostics.Error(node.Location, path, $"'{number.Text}' is not a whole number in range");
            return null;
        }

        try
        {
            // Box each branch on its own: a single conditional expression would unify to long.
            if (type == typeof(int))
            {
                return checked((int)value);
            }

            if (type == typeof(uint))
            {
                return checked((uint)value);
            }

            return value;
        }
        catch (OverflowException)
        {
            _diagnostics.Error(node.Location, path, $"{value} is out of range");
            return null;
        }
    }

    private object? BindEnum(Type type, JsonSourceNode node, string path)
    {
        var names = Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName).ToArray();
        if (node is JsonSourceValue { Kind: JsonValueKind.String } s &&
            Enum.GetNames(type).FirstOrDefault(n => n.Equals(s.Text, StringComparison.OrdinalIgnoreCase)) is { } match)
        {
            return Enum.Parse(type, match);
        }

        var found = node is JsonSourceValue { Kind: JsonValueKind.String } text ? $"'{text.Text}'" : node.KindName;
        _diagnostics.Error(node.Location, path, $"expected one of {string.Join(", ", names)}; found {found}");
        return null;
    }

    private bool CheckRange(ConfigPropertyModel property, object value, SourceLocation location, string path)
    {
        if (property.Range is not { } range)
        {
            return true;
        }

        bool inRange;
        if (value is TimeSpan span)
        {
            var min = TimeSpan.Parse((string)range.Minimum, CultureInfo.InvariantCulture);
            var max = TimeSpan.Parse((string)range.Maximum, CultureInfo.InvariantCulture);
            inRange = span >= min && span <= max;
            if (!inRange)
            {
                _diagnostics.Error(location, path, $"must be between {IisValueParser.FormatTimeSpan(min)} and {IisValueParser.FormatTimeSpan(max)}");
            }

            return inRange;
        }

        var number = Convert.ToInt64(value, CultureInfo.InvariantCulture);
        inRange = number >= Convert.ToInt64(range.Minimum, CultureInfo.InvariantCulture) &&
                  number <= Convert.ToInt64(range.Maximum, CultureInfo.InvariantCulture);
        if (!inRange)
        {
            _diagnostics.Error(location, path, $"must be between {range.Minimum} and {range.Maximum}; found {number}");
        }

        return inRange;
    }

    private JsonSourceValue? ExpectValue(JsonSourceNode node, string path, JsonValueKind kind, string expected)
    {
        if (node is JsonSourceValue value && value.Kind == kind)
        {
            return value;
        }

        Mismatch(node, path, expected);
        return null;
    }

    private void Mismatch(JsonSourceNode node, string path, string expected) =>
        _diagnostics.Error(node.Location, path, $"expected {expected}, found {node.KindName}");

    private static string UnknownKeyMessage(string key, ConfigTypeModel model)
    {
        var suggestion = model.Properties
            .Select(p => (p.Key, Distance: EditDistance(key.ToLowerInvariant(), p.Key.ToLowerInvariant())))
            .Where(c => c.Distance <= Math.Max(2, key.Length / 4))
            .OrderBy(c => c.Distance)
            .Select(c => c.Key)
            .FirstOrDefault();
        return suggestion is not null
            ? $"unknown key; did you mean '{suggestion}'?"
            : $"unknown key; expected one of {string.Join(", ", model.Properties.Select(p => p.Key))}";
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
