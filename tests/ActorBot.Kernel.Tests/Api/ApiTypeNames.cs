namespace ActorBot.Kernel.Tests.Api;

/// <summary>
/// Prints a type reference the way PublicApiGenerator 9.3 (through CodeDOM) does: fully-qualified names,
/// C# keywords for the built-in types, <c>System.Nullable&lt;T&gt;</c> (never <c>T?</c>), generic arguments
/// separated by ", ", nested types joined with '.', generic parameters by name, and the 9.3 quirk that an
/// array of a constructed generic type loses its arguments (<c>System.Collections.Generic.KeyValuePair&lt;, &gt;[]</c>).
/// </summary>
public static class ApiTypeNames
{
    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(void)] = "void",
        [typeof(object)] = "object",
        [typeof(string)] = "string",
        [typeof(bool)] = "bool",
        [typeof(byte)] = "byte",
        [typeof(sbyte)] = "sbyte",
        [typeof(char)] = "char",
        [typeof(short)] = "short",
        [typeof(ushort)] = "ushort",
        [typeof(int)] = "int",
        [typeof(uint)] = "uint",
        [typeof(long)] = "long",
        [typeof(ulong)] = "ulong",
        [typeof(float)] = "float",
        [typeof(double)] = "double",
        [typeof(decimal)] = "decimal",
    };

    public static string Of(Type type)
    {
        if (type.IsByRef)
        {
            return Of(type.GetElementType()!);
        }

        if (type.IsPointer)
        {
            return Of(type.GetElementType()!) + "*";
        }

        if (type.IsArray)
        {
            var element = type.GetElementType()!;
            var rank = "[" + new string(',', type.GetArrayRank() - 1) + "]";
            return (element.IsConstructedGenericType ? ElidedGeneric(element) : Of(element)) + rank;
        }

        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        if (Keywords.TryGetValue(type, out var keyword))
        {
            return keyword;
        }

        return Qualified(type);
    }

    /// <summary>Namespace-qualified name with nesting; generic arguments distributed over the nesting levels.</summary>
    private static string Qualified(Type type)
    {
        var chain = new List<Type>();
        for (var t = type.IsConstructedGenericType ? type.GetGenericTypeDefinition() : type; t is not null; t = t.DeclaringType)
        {
            chain.Insert(0, t);
        }

        var arguments = type.GetGenericArguments();
        var used = 0;
        var parts = new List<string>();
        foreach (var level in chain)
        {
            var total = level.GetGenericArguments().Length;
            var own = total - used;
            var name = StripArity(level.Name);
            if (own > 0)
            {
                name += "<" + string.Join(", ", arguments.Skip(used).Take(own).Select(Of)) + ">";
            }

            used = total;
            parts.Add(name);
        }

        var ns = chain[0].Namespace;
        return (string.IsNullOrEmpty(ns) ? string.Empty : ns + ".") + string.Join(".", parts);
    }

    private static string ElidedGeneric(Type constructed)
    {
        var definition = constructed.GetGenericTypeDefinition();
        var arity = definition.GetGenericArguments().Length;
        var withoutArguments = Qualified(definition);
        var open = withoutArguments.IndexOf('<');
        var stem = open >= 0 ? withoutArguments[..open] : withoutArguments;
        return stem + "<" + string.Join(", ", Enumerable.Repeat(string.Empty, arity)) + ">";
    }

    public static string StripArity(string name)
    {
        var tick = name.IndexOf('`');
        return tick < 0 ? name : name[..tick];
    }
}
