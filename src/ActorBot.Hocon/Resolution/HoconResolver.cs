using System.Runtime.CompilerServices;
using System.Text;
using ActorBot.Hocon.Parsing;
using ActorBot.Hocon.Values;

namespace ActorBot.Hocon.Resolution;

/// <summary>
/// Resolves the parsed tree into immutable values: substitutions are looked up in the whole
/// configuration (then in the environment), concatenations are joined, delayed merges are
/// settled. Every node is resolved at most once (memoised), a node met again while it is being
/// resolved is a cycle, and depth and output size are bounded, so no input can hang it.
/// </summary>
internal sealed class HoconResolver
{
    public const int MaxResolveDepth = 512;
    public const int MaxStringLength = 16 * 1024 * 1024;
    public const int MaxArrayLength = 1024 * 1024;

    private readonly AstObject _root;
    private readonly Func<string, string?> _environment;
    private readonly List<AstSubstitution> _active = new();
    private int _depth;

    public HoconResolver(AstObject root, Func<string, string?> environment)
    {
        _root = root;
        _environment = environment;
    }

    public HoconObject ResolveRoot() => Resolve(_root) as HoconObject ?? HoconObject.Empty;

    private HoconValue? Resolve(AstNode node)
    {
        switch (node.State)
        {
            case ResolveState.Done:
                return node.Resolved;
            case ResolveState.Resolving:
                throw CycleError(node);
        }

        if (++_depth > MaxResolveDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new HoconException(
                $"substitutions and nesting deeper than {MaxResolveDepth} levels",
                _active.Count > 0 ? _active[^1].Position : node.Position,
                "shorter chains of substitutions");
        }

        node.State = ResolveState.Resolving;
        try
        {
            var result = node switch
            {
                AstScalar scalar => ResolveScalar(scalar),
                AstArray array => ResolveArray(array),
                AstObject obj => ResolveObject(obj),
                AstSubstitution substitution => ResolveSubstitution(substitution),
                AstConcatenation concatenation => ResolveConcatenation(concatenation),
                AstDelayedMerge merge => ResolveMerge(merge),
                _ => throw new InvalidOperationException($"unknown node {node.GetType().Name}"),
            };
            node.Resolved = result;
            node.State = ResolveState.Done;
            return result;
        }
        finally
        {
            _depth--;
        }
    }

    private HoconException CycleError(AstNode node)
    {
        var chain = string.Join(" -> ", _active.Select(s => $"{s.Display} at {s.Position}"));
        var at = _active.Count > 0 ? _active[^1].Position : node.Position;
        return new HoconException(
            $"substitution cycle: {chain} refers back to a value that is still being resolved (defined at {node.Position})",
            at,
            "substitutions that do not refer to themselves (use ${?path} or a fallback value)");
    }

    private static HoconValue ResolveScalar(AstScalar scalar) => scalar.Kind switch
    {
        ScalarKind.Unquoted => Classify(scalar.Text, scalar.Position),
        _ => HoconScalar.String(scalar.Text, scalar.Position),
    };

    /// <summary>An unquoted value on its own is a number, boolean or null when it spells one.</summary>
    internal static HoconScalar Classify(string text, SourcePosition position)
    {
        if (text is "true" or "false")
        {
            return new HoconScalar(HoconValueType.Boolean, text, position);
        }

        if (text == "null")
        {
            return new HoconScalar(HoconValueType.Null, text, position);
        }

        return IsNumber(text)
            ? new HoconScalar(HoconValueType.Number, text, position)
            : HoconScalar.String(text, position);
    }

    internal static bool IsNumber(string text)
    {
        var i = 0;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }

        if (i + 1 < text.Length && text[i] == '0' && char.IsAsciiDigit(text[i + 1]))
        {
            // JSON numbers have no leading zeros; 007 stays the string "007".
            return false;
        }

        var digits = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
            digits++;
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            digits = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                digits++;
            }

            if (digits == 0)
            {
                return false;
            }
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < text.Length && (text[i] == '+' || text[i] == '-'))
            {
                i++;
            }

            digits = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                digits++;
            }

            if (digits == 0)
            {
                return false;
            }
        }

        return i == text.Length;
    }

    private HoconValue ResolveArray(AstArray array)
    {
        var items = new HoconValue[array.Items.Count];
        var count = 0;
        foreach (var item in array.Items)
        {
            var value = Resolve(item);
            if (value is not null)
            {
                items[count++] = value;
            }
        }

        if (count < items.Length)
        {
            Array.Resize(ref items, count);
        }

        return new HoconArray(items, array.Position);
    }

    private HoconValue ResolveObject(AstObject obj)
    {
        var fields = new Dictionary<string, HoconValue>(obj.Order.Count, StringComparer.Ordinal);
        var order = new string[obj.Order.Count];
        var count = 0;
        foreach (var key in obj.Order)
        {
            var value = Resolve(obj.Fields[key]);
            if (value is not null)
            {
                fields[key] = value;
                order[count++] = key;
            }
        }

        if (count < order.Length)
        {
            Array.Resize(ref order, count);
        }

        return new HoconObject(fields, order, obj.Position);
    }

    private HoconValue? ResolveSubstitution(AstSubstitution substitution)
    {
        _active.Add(substitution);
        try
        {
            HoconValue? value = null;
            if (substitution.IsSelfReference)
            {
                // Looks "backward": the field's value before this definition, never the field itself.
                if (substitution.Previous is not null)
                {
                    var previous = Resolve(substitution.Previous);
                    value = previous is null ? null : Walk(previous, substitution.FullPath, substitution.SelfPathLength);
                }
            }
            else
            {
                if (substitution.LocalRoot is not null)
                {
                    value = Lookup(substitution.LocalRoot, substitution.Path);
                }

                if (value is null && substitution.IncludePrefix.Count > 0)
                {
                    value = Lookup(_root, substitution.FullPath);
                }

                value ??= Lookup(_root, substitution.Path);
            }

            if (value is null)
            {
                var name = string.Join('.', substitution.Path);
                var fromEnvironment = _environment(name);
                if (fromEnvironment is not null)
                {
                    value = HoconScalar.String(fromEnvironment, substitution.Position);
                }
            }

            if (value is null && !substitution.Optional)
            {
                throw new HoconException(
                    $"could not resolve substitution {substitution.Display}: the path is not defined in the configuration and there is no environment variable of that name",
                    substitution.Position,
                    "a defined path, or ${?" + string.Join('.', substitution.Path) + "} if the value is optional");
            }

            return value;
        }
        finally
        {
            _active.RemoveAt(_active.Count - 1);
        }
    }

    private HoconValue? Lookup(AstObject root, IReadOnlyList<string> path) => LookupFrom(root, path, 0);

    /// <summary>
    /// Finds <paramref name="path"/> (from segment <paramref name="index"/>) below <paramref name="node"/>,
    /// resolving as little as possible. A field defined as <c>x = ${base}</c> and then extended with
    /// <c>x { url = ${x.host} }</c> is a delayed merge; looking inside it must not resolve it as a whole
    /// (it is being resolved right now), so keys written in the later object are taken from there and
    /// other keys from the earlier value.
    /// </summary>
    private HoconValue? LookupFrom(AstNode node, IReadOnlyList<string> path, int index)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new HoconException("substitution path leads too deep", node.Position, "a shorter path");
        }

        for (var i = index; i < path.Count; i++)
        {
            switch (node)
            {
                case AstObject obj:
                    if (!obj.Fields.TryGetValue(path[i], out var child))
                    {
                        return null;
                    }

                    node = child;
                    continue;
                case AstDelayedMerge { Top: AstObject top } merge:
                    if (!top.Fields.TryGetValue(path[i], out var overriding))
                    {
                        // Not written in the later object: the earlier value decides.
                        node = merge.Below;
                        i--;
                        continue;
                    }

                    var found = LookupFrom(overriding, path, i + 1);
                    if (found is not null and not HoconObject)
                    {
                        // A non-object in the later object wins over anything below it.
                        return found;
                    }

                    if (found is HoconObject foundObject)
                    {
                        // Objects merge: the later one over what the earlier value has at this path.
                        return LookupFrom(merge.Below, path, i) is HoconObject earlier
                            ? HoconObject.Merge(earlier, foundObject)
                            : foundObject;
                    }

                    if (LacksPath(overriding, path, i + 1))
                    {
                        // The later object does not write this path at all: the earlier value decides.
                        node = merge.Below;
                        i--;
                        continue;
                    }

                    // Written in the later object but undefined there, or hidden behind a non-object:
                    // settle the merge as a whole.
                    break;
            }

            var resolved = Resolve(node);
            return resolved is null ? null : Walk(resolved, path, i);
        }

        return Resolve(node);
    }

    /// <summary>True when walking plain objects from <paramref name="node"/> shows that the path is not written there.</summary>
    private static bool LacksPath(AstNode node, IReadOnlyList<string> path, int from)
    {
        for (var j = from; j < path.Count; j++)
        {
            if (node is not AstObject obj)
            {
                return false;
            }

            if (!obj.Fields.TryGetValue(path[j], out var child))
            {
                return true;
            }

            node = child;
        }

        return false;
    }

    private static HoconValue? Walk(HoconValue value, IReadOnlyList<string> path, int from)
    {
        var current = value;
        for (var i = from; i < path.Count; i++)
        {
            if (current is not HoconObject obj || !obj.TryGetValue(path[i], out var next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    private HoconValue? ResolveConcatenation(AstConcatenation concatenation)
    {
        var values = new List<(HoconValue? Value, AstNode Part)>(concatenation.Parts.Count);
        HoconValue? firstReal = null;
        foreach (var part in concatenation.Parts)
        {
            if (part is AstScalar { Kind: ScalarKind.Whitespace } whitespace)
            {
                values.Add((null, whitespace));
                continue;
            }

            var value = Resolve(part);
            if (value is null)
            {
                continue;
            }

            firstReal ??= value;
            values.Add((value, part));
        }

        if (firstReal is null)
        {
            // Every part was an optional substitution that is undefined: the whole value vanishes.
            return null;
        }

        var real = values.Where(v => v.Value is not null).Select(v => (Value: v.Value!, v.Part)).ToList();
        if (real.All(v => v.Value is HoconObject))
        {
            var merged = (HoconObject)real[0].Value;
            for (var i = 1; i < real.Count; i++)
            {
                merged = HoconObject.Merge(merged, (HoconObject)real[i].Value);
            }

            return merged;
        }

        if (real.All(v => v.Value is HoconArray))
        {
            var total = real.Sum(v => (long)((HoconArray)v.Value).Count);
            if (total > MaxArrayLength)
            {
                throw new HoconException($"array concatenation longer than {MaxArrayLength} elements", concatenation.Position, "a smaller array");
            }

            return new HoconArray(real.SelectMany(v => (HoconArray)v.Value), concatenation.Position);
        }

        static int KindClass(HoconValue v) => v switch { HoconObject => 0, HoconArray => 1, _ => 2 };
        var firstClass = KindClass(real[0].Value);
        var offending = real.FirstOrDefault(v => KindClass(v.Value) != firstClass);
        if (offending.Value is not null)
        {
            var kinds = string.Join(", ", real.Select(v => v.Value.Type.ToString().ToLowerInvariant()).Distinct());
            throw new HoconException(
                $"cannot concatenate values of different kinds ({kinds}): objects join only with objects, arrays only with arrays",
                offending.Part.Position,
                "values of one kind, or a quoted string");
        }

        var sb = new StringBuilder();
        foreach (var (value, part) in values)
        {
            sb.Append(value is HoconScalar scalar ? scalar.Text : ((AstScalar)part).Text);
            if (sb.Length > MaxStringLength)
            {
                throw new HoconException($"concatenated string longer than {MaxStringLength} characters", concatenation.Position, "a shorter value");
            }
        }

        return HoconScalar.String(sb.ToString(), concatenation.Position);
    }

    private HoconValue? ResolveMerge(AstDelayedMerge merge)
    {
        var top = Resolve(merge.Top);
        if (top is null)
        {
            return Resolve(merge.Below);
        }

        if (top is HoconObject topObject && Resolve(merge.Below) is HoconObject belowObject)
        {
            return HoconObject.Merge(belowObject, topObject);
        }

        return top;
    }
}
