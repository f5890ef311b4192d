using System.Text.RegularExpressions;

namespace ActorBot.Kernel.Tests.Api;

/// <summary>One member line of a type's block, in canonical form (see <see cref="ApiLine"/>).</summary>
/// <param name="Canonical">The declaration as one normalised line: what the comparison uses.</param>
/// <param name="Display">The declaration as printed (may span lines: <c>where</c> clauses).</param>
/// <param name="Name">Simple member name, for "closest candidate" hints.</param>
/// <param name="InternalApi">Akka marks the member <c>[InternalApi]</c>: public for technical reasons only.</param>
/// <param name="Note">Why a generated member is suspicious (e.g. compiler-generated record members).</param>
public sealed record ApiMember(string Canonical, string Display, string Name, bool InternalApi, string? Note = null);

/// <summary>
/// One type of an API listing (Akka's or ours): identity (namespace, nesting, name, generic arity), kind and
/// modifiers from its header line, its base list and its member lines.
/// </summary>
public sealed class ApiType
{
    public required string Namespace { get; init; }

    /// <summary>Nesting path with generic arity, e.g. <c>Status+Failure</c> or <c>TestActorRef`1</c>.</summary>
    public required string NestedName { get; init; }

    public required TypeHeader Header { get; init; }

    public required string Source { get; init; }

    public bool InternalApi { get; init; }

    public List<ApiMember> Members { get; } = new();

    /// <summary>Lookup key shared by listing and reflection: namespace + nesting path with arities.</summary>
    public string Key => Namespace + "." + NestedName;

    /// <summary>Readable name such as <c>Akka.Actor.Status.Failure</c> or <c>Akka.TestKit.TestActorRef&lt;TActor&gt;</c>.</summary>
    public string DisplayName
    {
        get
        {
            var outer = NestedName.Split('+').SkipLast(1).Select(ApiTypeNames.StripArity);
            return string.Join(".", outer.Prepend(Namespace).Append(Header.DisplayName));
        }
    }

    private HashSet<string>? _memberSet;

    public bool HasMember(string canonical)
    {
        _memberSet ??= Members.Select(m => m.Canonical).ToHashSet(StringComparer.Ordinal);
        return _memberSet.Contains(canonical);
    }
}

public enum TypeKind
{
    Class,
    Struct,
    Interface,
    Enum,
    Delegate,
}

/// <summary>A parsed type header line: <c>public abstract class ActorBase : Akka.Actor.IInternalActor</c>.</summary>
public sealed partial record TypeHeader(
    string Canonical,
    string Access,
    IReadOnlyList<string> Modifiers,
    TypeKind Kind,
    string Name,
    IReadOnlyList<string> GenericParameters,
    IReadOnlyList<string> Bases)
{
    public int Arity => GenericParameters.Count;

    public string ModifierText => string.Join(' ', Modifiers);

    public string DisplayName => Arity == 0 ? Name : Name + "<" + string.Join(", ", GenericParameters) + ">";

    /// <summary>Parses a canonical header; null when the line declares a member, not a type.</summary>
    public static TypeHeader? TryParse(string canonical)
    {
        var match = HeaderPattern().Match(canonical);
        if (!match.Success)
        {
            return null;
        }

        var access = match.Groups["access"].Value;
        var modifiers = match.Groups["mods"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(m => m != "new")
            .Order(StringComparer.Ordinal)
            .ToList();
        var kind = match.Groups["kind"].Value switch
        {
            "class" => TypeKind.Class,
            "struct" => TypeKind.Struct,
            "interface" => TypeKind.Interface,
            "enum" => TypeKind.Enum,
            _ => TypeKind.Delegate,
        };
        var rest = match.Groups["rest"].Value;
        return kind == TypeKind.Delegate
            ? ParseDelegate(canonical, access, modifiers, rest)
            : ParseType(canonical, access, modifiers, kind, rest);
    }

    private static TypeHeader ParseType(string canonical, string access, List<string> modifiers, TypeKind kind, string rest)
    {
        // rest: "Name<T, U> : Base, IFace<T> where T : X { }"
        var i = 0;
        while (i < rest.Length && (char.IsLetterOrDigit(rest[i]) || rest[i] == '_' || rest[i] == '@'))
        {
            i++;
        }

        var name = rest[..i];
        var generics = new List<string>();
        if (i < rest.Length && rest[i] == '<')
        {
            var close = FindClosingAngle(rest, i);
            generics = ApiLine.SplitTopLevel(rest[(i + 1)..close]);
            i = close + 1;
        }

        var tail = rest[i..].Trim();
        if (tail.EndsWith("{ }", StringComparison.Ordinal))
        {
            tail = tail[..^3].TrimEnd();
        }

        var where = tail.IndexOf(" where ", StringComparison.Ordinal);
        if (tail.StartsWith("where ", StringComparison.Ordinal))
        {
            where = 0;
        }

        var baseText = where >= 0 ? tail[..where] : tail;
        var bases = baseText.StartsWith(':') ? ApiLine.SplitTopLevel(baseText[1..]) : new List<string>();
        return new TypeHeader(canonical, access, modifiers, kind, name, generics, bases);
    }

    private static TypeHeader ParseDelegate(string canonical, string access, List<string> modifiers, string rest)
    {
        // rest: "bool Receive(object message);" or "void Handler<TState, TData>(TState a);"
        var paren = rest.IndexOf('(');
        var head = paren >= 0 ? rest[..paren] : rest;
        var generics = new List<string>();
        if (head.EndsWith('>'))
        {
            var open = ApiLine.FindOpeningAngle(head);
            generics = ApiLine.SplitTopLevel(head[(open + 1)..^1]);
            head = head[..open];
        }

        var name = head[(head.LastIndexOf(' ') + 1)..];
        return new TypeHeader(canonical, access, modifiers, TypeKind.Delegate, name, generics, Array.Empty<string>());
    }

    private static int FindClosingAngle(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '<')
            {
                depth++;
            }
            else if (text[i] == '>')
            {
                depth--;
                if (depth == 0)
                {
                    return i;
                }
            }
        }

        return text.Length - 1;
    }

    [GeneratedRegex(@"^(?<access>public|protected)(?<mods>(?: (?:abstract|sealed|static|readonly|new))*) (?<kind>class|struct|interface|enum|delegate) (?<rest>.*)$")]
    private static partial Regex HeaderPattern();
}
