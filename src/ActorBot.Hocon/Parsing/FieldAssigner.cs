namespace ActorBot.Hocon.Parsing;

/// <summary>
/// Applies HOCON's duplicate-key rules while the tree is built: objects merge, anything else
/// replaces, and a later value that cannot be judged before resolution (it contains
/// substitutions) becomes a delayed merge over the earlier one. It also binds self-referential
/// substitutions (<c>a = ${a} x</c>, <c>a += x</c>) to the value the field had before.
/// </summary>
/// <remarks>
/// "Connected" objects are part of the configuration root, so their absolute path is final;
/// objects written inside a value are built unconnected first and re-assigned field by field
/// when they are connected, which is when self references without an earlier value get bound.
/// </remarks>
internal static class FieldAssigner
{
    public static void Assign(AstObject target, IReadOnlyList<string>? targetPath, string key, AstNode value, bool connected)
    {
        EnsureStack(value);
        var fieldPath = targetPath is null ? null : Append(targetPath, key);
        target.Fields.TryGetValue(key, out var existing);

        if (value is AstObject incoming)
        {
            if (existing is AstObject current)
            {
                foreach (var childKey in incoming.Order)
                {
                    Assign(current, fieldPath, childKey, incoming.Fields[childKey], connected);
                }

                return;
            }

            var placed = incoming;
            if (connected && fieldPath is not null)
            {
                // The object joins the configuration tree as it is; bind the self references that
                // only now have a definite path (those without an earlier value at their field).
                BindConnectedTree(incoming, fieldPath);
            }

            target.Set(key, existing is not null && IsUnresolved(existing)
                ? new AstDelayedMerge(existing, placed, placed.Position)
                : placed);
            return;
        }

        if (fieldPath is not null && (connected || existing is not null))
        {
            BindSelfReferences(value, fieldPath, existing);
        }

        target.Set(key, existing is not null && IsUnresolved(value)
            ? new AstDelayedMerge(existing, value, value.Position)
            : value);
    }

    /// <summary>Includes can stack nesting beyond one document's depth limit; fail cleanly, never overflow.</summary>
    private static void EnsureStack(AstNode node)
    {
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new HoconException("configuration nested too deeply (through includes)", node.Position, "a flatter structure");
        }
    }

    private static void BindConnectedTree(AstObject obj, IReadOnlyList<string> path)
    {
        EnsureStack(obj);
        foreach (var key in obj.Order)
        {
            var child = obj.Fields[key];
            var childPath = Append(path, key);
            if (child is AstObject nested)
            {
                BindConnectedTree(nested, childPath);
            }
            else
            {
                BindSelfReferences(child, childPath, null);
            }
        }
    }

    /// <summary>Values that may turn out to be objects (and so merge) or to be undefined (and so fall through).</summary>
    private static bool IsUnresolved(AstNode node) => node is AstSubstitution or AstConcatenation or AstDelayedMerge;

    private static IReadOnlyList<string> Append(IReadOnlyList<string> path, string key)
    {
        var result = new string[path.Count + 1];
        for (var i = 0; i < path.Count; i++)
        {
            result[i] = path[i];
        }

        result[^1] = key;
        return result;
    }

    private static void BindSelfReferences(AstNode node, IReadOnlyList<string> fieldPath, AstNode? previous)
    {
        EnsureStack(node);
        switch (node)
        {
            case AstSubstitution substitution when !substitution.IsSelfReference:
                if (StartsWith(substitution.FullPath, fieldPath))
                {
                    substitution.IsSelfReference = true;
                    substitution.SelfPathLength = fieldPath.Count;
                    substitution.Previous = previous;
                }

                break;
            case AstConcatenation concatenation:
                foreach (var part in concatenation.Parts)
                {
                    BindSelfReferences(part, fieldPath, previous);
                }

                break;
            case AstArray array:
                foreach (var item in array.Items)
                {
                    BindSelfReferences(item, fieldPath, previous);
                }

                break;
            case AstObject obj:
                foreach (var child in obj.Fields.Values)
                {
                    BindSelfReferences(child, fieldPath, previous);
                }

                break;
            case AstDelayedMerge merge:
                BindSelfReferences(merge.Top, fieldPath, previous);
                break;
        }
    }

    private static bool StartsWith(IReadOnlyList<string> path, IReadOnlyList<string> prefix)
    {
        if (path.Count < prefix.Count)
        {
            return false;
        }

        for (var i = 0; i < prefix.Count; i++)
        {
            if (!string.Equals(path[i], prefix[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
