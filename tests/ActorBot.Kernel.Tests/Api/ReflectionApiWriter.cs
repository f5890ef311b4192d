using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace ActorBot.Kernel.Tests.Api;

/// <summary>The public surface of some assemblies, as types (for comparison) and as listing text (for people).</summary>
public sealed record GeneratedApi(IReadOnlyList<ApiType> Types, string Text);

/// <summary>
/// Reflection stand-in for PublicApiGenerator 9.3 (which needs Mono.Cecil, not available here): prints the public
/// and protected surface of assemblies in the same textual format as Akka's approval files, so each of our member
/// lines can be looked up verbatim in Akka's listings. Unlike the generator it also prints compiler-generated
/// members (record <c>Equals</c>, <c>&lt;Clone&gt;$</c>, <c>EqualityContract</c>...), because user code can call them
/// on our types but not on Akka's.
/// </summary>
public static class ReflectionApiWriter
{
    private const BindingFlags Declared =
        BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    public static GeneratedApi Generate(IEnumerable<Assembly> assemblies, Func<string, bool> includeNamespace)
    {
        var topLevel = assemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsPublic && t.Namespace is not null && includeNamespace(t.Namespace) && !IsCompilerGenerated(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();
        var types = new List<ApiType>();
        var text = new StringBuilder();
        foreach (var group in topLevel.GroupBy(t => t.Namespace!))
        {
            text.Append("namespace ").Append(group.Key).Append("\n{\n");
            foreach (var type in group)
            {
                WriteType(type, group.Key, enclosing: null, depth: 1, types, text);
            }

            text.Append("}\n");
        }

        return new GeneratedApi(types, text.ToString());
    }

    public static bool IsVisibleNested(Type type) =>
        type.IsNestedPublic || type.IsNestedFamily || type.IsNestedFamORAssem;

    private static void WriteType(Type type, string ns, ApiType? enclosing, int depth, List<ApiType> types, StringBuilder text)
    {
        var indent = new string(' ', depth * 4);
        var memberIndent = indent + "    ";
        var access = type.IsPublic || type.IsNestedPublic ? "public" : "protected";
        var isDelegate = typeof(MulticastDelegate).IsAssignableFrom(type.BaseType) && type != typeof(MulticastDelegate);
        var headerText = isDelegate ? ApiMemberWriter.Delegate(type, access, indent) : Header(type, access, indent);
        var header = TypeHeader.TryParse(ApiLine.Canonical(headerText))
            ?? throw new InvalidOperationException($"cannot parse the header written for {type.FullName}: {headerText}");
        var apiType = new ApiType
        {
            Namespace = ns,
            NestedName = (enclosing is null ? string.Empty : enclosing.NestedName + "+") + ListingParser.NameWithArity(header),
            Header = header,
            Source = type.Assembly.GetName().Name ?? "?",
        };
        types.Add(apiType);
        text.Append(headerText).Append('\n');
        if (isDelegate)
        {
            apiType.Members.Add(Member(headerText, null));
            return;
        }

        var members = Members(type, memberIndent).ToList();
        var nested = type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic)
            .Where(n => IsVisibleNested(n) && !IsCompilerGenerated(n))
            .OrderBy(n => n.FullName, StringComparer.Ordinal)
            .ToList();
        if (members.Count == 0 && nested.Count == 0)
        {
            // 9.3 collapses an empty body onto the header line.
            text.Length -= 1;
            text.Append(" { }\n");
            return;
        }

        text.Append(indent).Append("{\n");
        foreach (var member in members)
        {
            apiType.Members.Add(member);
            text.Append(member.Display).Append('\n');
        }

        foreach (var inner in nested)
        {
            WriteType(inner, ns, apiType, depth + 1, types, text);
        }

        text.Append(indent).Append("}\n");
    }

    private static string Header(Type type, string access, string indent)
    {
        var text = new StringBuilder(indent).Append(access).Append(' ');
        var name = ApiTypeNames.StripArity(type.Name);
        if (type.IsEnum)
        {
            text.Append("enum ").Append(name);
        }
        else if (type.IsInterface)
        {
            text.Append("interface ").Append(name);
        }
        else if (type.IsValueType)
        {
            var isReadOnly = type.IsDefined(typeof(IsReadOnlyAttribute), inherit: false);
            text.Append("struct ").Append(isReadOnly ? "readonly " : string.Empty).Append(name);
        }
        else if (type.IsAbstract && type.IsSealed)
        {
            text.Append("class static ").Append(name);
        }
        else
        {
            text.Append(type.IsSealed ? "sealed " : type.IsAbstract ? "abstract " : string.Empty).Append("class ").Append(name);
        }

        var generics = type.GetGenericArguments();
        if (generics.Length > 0)
        {
            text.Append('<').Append(string.Join(", ", generics.Select(ApiMemberWriter.GenericParameterName))).Append('>');
        }

        var bases = Bases(type).ToList();
        if (bases.Count > 0)
        {
            text.Append(" : ").Append(string.Join(", ", bases));
        }

        ApiMemberWriter.AppendConstraints(text, generics, indent + "    ");
        return text.ToString();
    }

    /// <summary>
    /// Base class (unless object/ValueType; an enum's underlying type unless int) then the interfaces the type's own
    /// metadata rows list (what Cecil hands PublicApiGenerator: the declared interfaces and their base interfaces,
    /// not those inherited from the base class), public ones only, ordered by full name.
    /// </summary>
    public static IEnumerable<string> Bases(Type type)
    {
        if (type.IsEnum)
        {
            var underlying = Enum.GetUnderlyingType(type);
            if (underlying != typeof(int))
            {
                yield return ApiTypeNames.Of(underlying);
            }

            yield break;
        }

        if (!type.IsInterface && type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType))
        {
            yield return ApiTypeNames.Of(baseType);
        }

        var own = InterfaceRows.Of(type)
            .Where(i =>
            {
                var definition = i.IsConstructedGenericType ? i.GetGenericTypeDefinition() : i;
                return definition.IsPublic || IsVisibleNested(definition);
            })
            .OrderBy(i => (i.Namespace ?? string.Empty) + "." + i.Name, StringComparer.Ordinal)
            .ThenBy(ApiTypeNames.Of, StringComparer.Ordinal);
        foreach (var @interface in own)
        {
            yield return ApiTypeNames.Of(@interface);
        }
    }

    /// <summary>Members in CodeDOM's order: fields, constructors, properties, events, methods; each sorted by name.</summary>
    private static IEnumerable<ApiMember> Members(Type type, string indent)
    {
        var inInterface = type.IsInterface;
        if (type.IsEnum)
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                yield return Member(ApiMemberWriter.EnumValue(field, indent), field);
            }

            yield break;
        }

        foreach (var field in type.GetFields(Declared).Where(f => !f.IsSpecialName).OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var access = ApiMemberWriter.Access(field);
            if (access is not null)
            {
                yield return Member(ApiMemberWriter.Field(field, access, indent), field);
            }
        }

        var typeName = ApiTypeNames.StripArity(type.Name);
        foreach (var ctor in type.GetConstructors(Declared).Where(c => !c.IsStatic))
        {
            var access = ApiMemberWriter.Access(ctor);
            if (access is not null)
            {
                yield return Member(ApiMemberWriter.Constructor(ctor, access, typeName, indent), ctor);
            }
        }

        foreach (var property in type.GetProperties(Declared).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var line = ApiMemberWriter.Property(property, inInterface, indent);
            if (line is not null)
            {
                yield return Member(line, property);
            }
        }

        foreach (var @event in type.GetEvents(Declared).OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            if (ApiMemberWriter.Access(@event.AddMethod) is not null)
            {
                yield return Member(ApiMemberWriter.Event(@event, inInterface, indent), @event);
            }
        }

        var methods = type.GetMethods(Declared)
            .Where(m => !m.IsSpecialName || m.Name.StartsWith("op_", StringComparison.Ordinal))
            .OrderBy(m => m.Name, StringComparer.Ordinal);
        foreach (var method in methods)
        {
            var access = ApiMemberWriter.Access(method);
            if (access is not null)
            {
                yield return Member(ApiMemberWriter.Method(method, access, inInterface, indent), method);
            }
        }
    }

    private static ApiMember Member(string display, MemberInfo? member)
    {
        var canonical = ApiLine.Canonical(display);
        var note = member is not null && IsCompilerGenerated(member)
            ? "compiler-generated (a record or other synthesized member; Akka's type has no such member - declare a class instead)"
            : null;
        return new ApiMember(canonical, display, ApiLine.MemberName(canonical), InternalApi: false, note);
    }

    private static bool IsCompilerGenerated(MemberInfo member) =>
        member.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false);
}
