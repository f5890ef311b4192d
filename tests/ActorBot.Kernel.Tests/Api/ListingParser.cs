namespace ActorBot.Kernel.Tests.Api;

/// <summary>
/// Reads a PublicApiGenerator listing (namespaces → types → member lines) into <see cref="ApiType"/>s.
/// Layout facts it relies on (true of every Akka listing and of <see cref="ReflectionApiWriter"/> output):
/// <c>namespace X</c> then a '{' line; a type header, optional <c>where</c> lines, then '{' (or an inline <c>{ }</c>
/// for an empty type); one declaration per line, except that unbalanced '(' / '[' continue on the next line and
/// <c>where</c> lines belong to the declaration above; attribute lines precede what they decorate.
/// </summary>
public static class ListingParser
{
    public static List<ApiType> Parse(string text, string source, ListingDialect dialect)
    {
        var lines = text.TrimStart('\uFEFF').Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var types = new List<ApiType>();
        var scopes = new Stack<ApiType?>();
        var currentNamespace = string.Empty;
        ApiType? pendingHeader = null;
        var pendingAttributes = new List<string>();

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith("[assembly:", StringComparison.Ordinal))
            {
                continue;
            }

            if (line.StartsWith("namespace ", StringComparison.Ordinal))
            {
                currentNamespace = line["namespace ".Length..].Trim();
                pendingHeader = null;
                continue;
            }

            if (line == "{")
            {
                scopes.Push(pendingHeader);
                pendingHeader = null;
                continue;
            }

            if (line == "}")
            {
                if (scopes.Count > 0)
                {
                    scopes.Pop();
                }

                continue;
            }

            var declaration = line;
            while (ApiLine.IsUnbalanced(declaration) && i + 1 < lines.Count)
            {
                declaration += " " + lines[++i].Trim();
            }

            if (declaration.StartsWith('[') && ApiLine.StripAttributes(declaration).Trim().Length == 0)
            {
                pendingAttributes.Add(declaration);
                continue;
            }

            var display = declaration;
            while (i + 1 < lines.Count && lines[i + 1].TrimStart().StartsWith("where ", StringComparison.Ordinal))
            {
                declaration += " " + lines[++i].Trim();
                display += "\n" + lines[i];
            }

            var internalApi = pendingAttributes.Any(a => a.Contains("InternalApi", StringComparison.Ordinal));
            pendingAttributes.Clear();
            var canonical = ApiLine.Canonical(declaration, dialect);
            var enclosing = scopes.Count > 0 ? scopes.Peek() : null;
            var emptyBody = canonical.EndsWith(" { }", StringComparison.Ordinal);
            var header = TypeHeader.TryParse(emptyBody ? canonical[..^4] : canonical);
            if (header is not null)
            {
                var type = new ApiType
                {
                    Namespace = currentNamespace,
                    NestedName = (enclosing is null ? string.Empty : enclosing.NestedName + "+") + NameWithArity(header),
                    Header = header,
                    Source = source,
                    InternalApi = internalApi || (enclosing?.InternalApi ?? false),
                };
                types.Add(type);
                if (header.Kind == TypeKind.Delegate)
                {
                    type.Members.Add(new ApiMember(canonical, display, header.Name, internalApi));
                }
                else if (!emptyBody)
                {
                    pendingHeader = type;
                }

                continue;
            }

            if (enclosing is null)
            {
                throw new FormatException($"{source}: line {i + 1} is a member outside any type: {line}");
            }

            enclosing.Members.Add(new ApiMember(canonical, display, ApiLine.MemberName(canonical), internalApi));
        }

        return types;
    }

    public static string NameWithArity(TypeHeader header) =>
        header.Arity == 0 ? header.Name : header.Name + "`" + header.Arity;
}
