using System.Text;

namespace ActorBot.Kernel.Tests.Api;

/// <summary>
/// Compares our generated surface with Akka's listings, following akka-subset.md §1: each of our types must exist
/// in a listing (same namespace, nesting, name, generic arity and kind; modifiers no looser than Akka's), each member
/// line must occur verbatim in that type's block, each base type/interface must be in Akka's base list, and nothing
/// may expose what Akka itself declares internal. Every check returns all offenders, never just the first.
/// </summary>
public static class ApiSubsetChecker
{
    public static List<string> MissingTypes(IEnumerable<ApiType> ours, AkkaListings akka)
    {
        var offenders = new List<string>();
        foreach (var type in ours)
        {
            var candidates = akka.Find(type.Key);
            if (candidates.Count == 0)
            {
                offenders.Add($"{type.DisplayName} ({type.Header.Kind}): no such type in Akka's listings{SimilarTypes(type, akka)}");
                continue;
            }

            if (!candidates.Any(c => c.Header.Kind == type.Header.Kind))
            {
                offenders.Add($"{type.DisplayName}: ours is a {type.Header.Kind}, Akka's is a {candidates[0].Header.Kind} ({candidates[0].Header.Canonical})");
                continue;
            }

            var sameKind = candidates.Where(c => c.Header.Kind == type.Header.Kind).ToList();
            if (!sameKind.Any(c => ModifiersCompatible(type.Header, c.Header)))
            {
                offenders.Add($"{type.DisplayName}: modifiers allow what Akka's do not\n      ours: {type.Header.Canonical}\n      Akka: {sameKind[0].Header.Canonical}");
            }
        }

        return offenders;
    }

    /// <summary>
    /// Ours may restrict more than Akka (sealed, abstract, static, readonly, protected where Akka is public): code that
    /// compiles against ours still compiles against Akka. The reverse would let user code derive from a class Akka
    /// seals, instantiate one Akka makes abstract or static, or reach a nested type Akka keeps protected.
    /// </summary>
    public static bool ModifiersCompatible(TypeHeader ours, TypeHeader akka)
    {
        bool Has(TypeHeader header, string modifier) => header.Modifiers.Contains(modifier);
        var isStatic = Has(ours, "static");
        return (!Has(akka, "static") || isStatic)
            && (!Has(akka, "sealed") || Has(ours, "sealed") || isStatic)
            && (!Has(akka, "abstract") || Has(ours, "abstract") || isStatic)
            && (!Has(akka, "readonly") || Has(ours, "readonly"))
            && (akka.Access == "public" || ours.Access == "protected");
    }

    public static List<string> ForeignMembers(IEnumerable<ApiType> ours, AkkaListings akka)
    {
        var offenders = new List<string>();
        foreach (var type in ours)
        {
            var candidates = akka.Find(type.Key).Where(c => c.Header.Kind == type.Header.Kind).ToList();
            if (candidates.Count == 0)
            {
                continue; // reported by MissingTypes
            }

            foreach (var member in type.Members.Where(m => !candidates.Any(c => c.HasMember(m.Canonical))))
            {
                offenders.Add(DescribeForeignMember(type, member, candidates, akka));
            }
        }

        return offenders;
    }

    public static List<string> ForeignBases(IEnumerable<ApiType> ours, AkkaListings akka)
    {
        var offenders = new List<string>();
        foreach (var type in ours)
        {
            var candidates = akka.Find(type.Key).Where(c => c.Header.Kind == type.Header.Kind).ToList();
            if (candidates.Count == 0)
            {
                continue;
            }

            var akkaBases = candidates.SelectMany(c => c.Header.Bases).ToHashSet(StringComparer.Ordinal);
            foreach (var @base in type.Header.Bases.Where(b => !akkaBases.Contains(b)))
            {
                var akkaList = akkaBases.Count == 0 ? "(none)" : string.Join(", ", candidates[0].Header.Bases);
                offenders.Add($"{type.DisplayName} : {@base}\n      Akka's base list: {akkaList}");
            }
        }

        return offenders;
    }

    /// <summary>Types in *.Internal namespaces, or types/members Akka marks [InternalApi]: supported by Akka for nobody.</summary>
    public static List<string> InternalApiUse(IEnumerable<ApiType> ours, AkkaListings akka)
    {
        var offenders = new List<string>();
        var oursList = ours.ToList();
        // An [InternalApi] type that one of our types names as its base must stay public (C# forbids a public type
        // deriving from an internal one); Akka's own public types derive from it the same way (e.g. Nobody : MinimalActorRef).
        var requiredAsBase = oursList.SelectMany(t => t.Header.Bases).Select(ApiLine.TypeReferenceKey).ToHashSet(StringComparer.Ordinal);
        foreach (var type in oursList)
        {
            var candidates = akka.Find(type.Key).Where(c => c.Header.Kind == type.Header.Kind).ToList();
            var internalNamespace = type.Namespace.Split('.').Contains("Internal");
            var markedInternal = candidates.Count > 0 && candidates.All(c => c.InternalApi) && !requiredAsBase.Contains(type.Key);
            if (internalNamespace || markedInternal)
            {
                offenders.Add($"{type.DisplayName}: Akka treats this type as internal API ({(internalNamespace ? "*.Internal namespace" : "[InternalApi]")}); make ours internal");
                continue;
            }

            foreach (var member in type.Members)
            {
                var listed = candidates.SelectMany(c => c.Members).Where(m => m.Canonical == member.Canonical).ToList();
                if (listed.Count > 0 && listed.All(m => m.InternalApi))
                {
                    offenders.Add($"{type.DisplayName}: {member.Canonical}  <- [InternalApi] in Akka; make ours internal");
                }
            }
        }

        return offenders;
    }

    public static string Report(string title, IReadOnlyCollection<string> offenders, string? appendix = null)
    {
        var text = new StringBuilder();
        text.Append(title).Append(" (").Append(offenders.Count).Append("):\n");
        foreach (var offender in offenders)
        {
            text.Append("  - ").Append(offender).Append('\n');
        }

        if (appendix is not null)
        {
            text.Append('\n').Append(appendix);
        }

        return text.ToString();
    }

    private static string DescribeForeignMember(ApiType type, ApiMember member, List<ApiType> candidates, AkkaListings akka)
    {
        var text = new StringBuilder();
        text.Append(type.DisplayName).Append(": ").Append(member.Canonical);
        if (member.Note is not null)
        {
            text.Append("\n      note: ").Append(member.Note);
        }

        var akkaMembers = candidates.SelectMany(c => c.Members).ToList();
        var sameName = akkaMembers.Where(m => m.Name == member.Name).Select(m => m.Canonical).Distinct().ToList();
        if (sameName.Count > 0)
        {
            text.Append("\n      Akka has:");
            foreach (var candidate in sameName.OrderBy(c => Distance(c, member.Canonical)).Take(6))
            {
                text.Append("\n        ").Append(candidate);
            }

            if (sameName.Any(c => QuirkOf(member.Canonical, c) is not null))
            {
                text.Append("\n      hint: ").Append(sameName.Select(c => QuirkOf(member.Canonical, c)).First(q => q is not null));
            }
        }
        else
        {
            var names = akkaMembers.Select(m => m.Name).Distinct()
                .OrderBy(n => Distance(n.ToLowerInvariant(), member.Name.ToLowerInvariant()))
                .Take(3)
                .ToList();
            text.Append("\n      Akka's ").Append(type.Header.DisplayName).Append(" has no member named ").Append(member.Name)
                .Append(names.Count > 0 ? "; nearest names: " + string.Join(", ", names) : string.Empty)
                .Append(" -> remove it or make it internal");
        }

        var explicitly = ExplicitlyImplementedBy(member, candidates, akka);
        if (explicitly is not null)
        {
            text.Append("\n      hint: Akka's type implements ").Append(explicitly).Append('.').Append(member.Name)
                .Append(" explicitly; implement ours explicitly too (it stays reachable through the interface)");
        }

        return text.ToString();
    }

    /// <summary>Members of System interfaces that Akka's listings cannot show (they live in the BCL).</summary>
    private static readonly Dictionary<string, string[]> SystemInterfaceMembers = new(StringComparer.Ordinal)
    {
        ["System.IComparable"] = new[] { "CompareTo" },
        ["System.IComparable`1"] = new[] { "CompareTo" },
        ["System.IEquatable`1"] = new[] { "Equals" },
        ["System.IDisposable"] = new[] { "Dispose" },
        ["System.IAsyncDisposable"] = new[] { "DisposeAsync" },
        ["System.Collections.IEnumerable"] = new[] { "GetEnumerator" },
        ["System.Collections.Generic.IEnumerable`1"] = new[] { "GetEnumerator" },
    };

    /// <summary>The interface of Akka's base list that declares a member of this name, when Akka's type does not show it.</summary>
    private static string? ExplicitlyImplementedBy(ApiMember member, List<ApiType> candidates, AkkaListings akka)
    {
        // Prefer the interface whose generic argument our member mentions (IComparable<IActorRef> over IComparable).
        var bases = candidates.SelectMany(c => c.Header.Bases)
            .OrderByDescending(b => b.Contains('<') && member.Canonical.Contains(b[(b.IndexOf('<') + 1)..^1], StringComparison.Ordinal));
        foreach (var @base in bases)
        {
            var key = ApiLine.TypeReferenceKey(@base);
            var declares = SystemInterfaceMembers.TryGetValue(key, out var names)
                ? names.Contains(member.Name)
                : akka.Find(key).Any(t => t.Header.Kind == TypeKind.Interface && t.Members.Any(m => m.Name == member.Name));
            if (declares)
            {
                return @base;
            }
        }

        return null;
    }

    /// <summary>Explains the generator's spelling quirks when they are the likely cause of a near miss.</summary>
    private static string? QuirkOf(string ours, string akka)
    {
        if (akka.Contains(" virtual ", StringComparison.Ordinal) && ours.Contains(" override ", StringComparison.Ordinal)
            && akka.Replace(" virtual ", " override ", StringComparison.Ordinal) == ours)
        {
            return "PublicApiGenerator 9.3 prints 'sealed override' and 'abstract override' as 'virtual': Akka's member is probably 'sealed override'";
        }

        if (akka.Replace(" new ", " ", StringComparison.Ordinal) == ours)
        {
            return "Akka's member hides ('new') one of the same signature on the base class: the base class should declare it (then hide it here with 'new', or drop this one)";
        }

        if (akka.Replace(" virtual ", " ", StringComparison.Ordinal) == ours)
        {
            return "Akka's member is virtual, ours is not";
        }

        if (ours.Replace(" virtual ", " ", StringComparison.Ordinal) == akka)
        {
            return "ours is virtual, Akka's is not";
        }

        return null;
    }

    private static string SimilarTypes(ApiType type, AkkaListings akka)
    {
        var similar = akka.Types
            .Where(t => t.Header.Name == type.Header.Name)
            .Select(t => t.DisplayName + " (" + t.Header.Kind + ")")
            .Distinct()
            .Take(4)
            .ToList();
        return similar.Count == 0 ? " -> remove it or make it internal" : "; same name elsewhere: " + string.Join(", ", similar);
    }

    /// <summary>Levenshtein distance, for ordering candidates only.</summary>
    public static int Distance(string a, string b)
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
