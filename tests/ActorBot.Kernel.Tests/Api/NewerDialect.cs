using System.Text;
using System.Text.RegularExpressions;

namespace ActorBot.Kernel.Tests.Api;

/// <summary>
/// Rewrites a declaration printed by the newer PublicApiGenerator (Akka.Hosting's listings) into the spelling of
/// PublicApiGenerator 9.3 (akka.net's listings and <see cref="ReflectionApiWriter"/>), so one comparison serves both:
/// <c>int?</c> becomes <c>System.Nullable&lt;int&gt;</c>, a nullable reference annotation (<c>string?</c>) is dropped,
/// <c>= default</c> becomes <c>= null</c> (9.3 prints a null constant as null, even for structs),
/// <c>= true</c> becomes <c>= True</c>, <c>new()</c> becomes <c>new ()</c>, <c>init</c> becomes <c>set</c>, and
/// <c>sealed override</c> / <c>abstract override</c> become <c>virtual</c> (9.3's CodeDOM prints them so).
/// </summary>
public static partial class NewerDialect
{
    private static readonly HashSet<string> KnownValueTypes = new(StringComparer.Ordinal)
    {
        "bool", "byte", "sbyte", "char", "short", "ushort", "int", "uint", "long", "ulong", "float", "double", "decimal",
        "nint", "nuint", "System.TimeSpan", "System.DateTime", "System.DateTimeOffset", "System.Guid",
        "System.Threading.CancellationToken",
    };

    private static readonly HashSet<string> ListedValueTypes = new(StringComparer.Ordinal);

    /// <summary>Structs and enums declared in the listings themselves (full names), so <c>Akka.X.SomeEnum?</c> maps to Nullable.</summary>
    public static void RegisterValueTypes(IEnumerable<string> fullNames)
    {
        lock (ListedValueTypes)
        {
            foreach (var name in fullNames)
            {
                ListedValueTypes.Add(name);
            }
        }
    }

    public static string ToGenerator93(string text)
    {
        text = RewriteNullableMarks(text);
        text = DefaultLiteral().Replace(text, "= null");
        text = TrueLiteral().Replace(text, "= True");
        text = FalseLiteral().Replace(text, "= False");
        text = text.Replace("new()", "new ()", StringComparison.Ordinal)
            .Replace(" init;", " set;", StringComparison.Ordinal)
            .Replace(" sealed override ", " virtual ", StringComparison.Ordinal)
            .Replace(" abstract override ", " virtual ", StringComparison.Ordinal);
        return text;
    }

    public static bool IsValueTypeName(string typeName)
    {
        if (KnownValueTypes.Contains(typeName))
        {
            return true;
        }

        lock (ListedValueTypes)
        {
            if (ListedValueTypes.Contains(typeName))
            {
                return true;
            }
        }

        if (typeName.StartsWith("System.", StringComparison.Ordinal) && !typeName.Contains('<'))
        {
            var type = Type.GetType(typeName, throwOnError: false);
            return type is { IsValueType: true };
        }

        return false;
    }

    private static string RewriteNullableMarks(string text)
    {
        var output = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '"' or '\'')
            {
                var end = ApiLine.SkipLiteral(text, i);
                output.Append(text, i, end - i);
                i = end - 1;
                continue;
            }

            if (c != '?')
            {
                output.Append(c);
                continue;
            }

            var typeStart = FindTypeStart(output);
            var typeName = output.ToString(typeStart, output.Length - typeStart);
            if (IsValueTypeName(typeName))
            {
                output.Remove(typeStart, output.Length - typeStart);
                output.Append("System.Nullable<").Append(typeName).Append('>');
            }
        }

        return output.ToString();
    }

    /// <summary>Walks back over one type expression: identifier characters, dots, balanced generic arguments and array ranks.</summary>
    private static int FindTypeStart(StringBuilder output)
    {
        var i = output.Length - 1;
        while (i >= 0)
        {
            var c = output[i];
            if (c == '>' || c == ']')
            {
                var open = c == '>' ? '<' : '[';
                var depth = 0;
                for (; i >= 0; i--)
                {
                    if (output[i] == c)
                    {
                        depth++;
                    }
                    else if (output[i] == open)
                    {
                        depth--;
                        if (depth == 0)
                        {
                            break;
                        }
                    }
                }

                i--;
                continue;
            }

            if (char.IsLetterOrDigit(c) || c == '_' || c == '.')
            {
                i--;
                continue;
            }

            break;
        }

        return i + 1;
    }

    [GeneratedRegex(@"= default\b")]
    private static partial Regex DefaultLiteral();

    [GeneratedRegex(@"= true\b")]
    private static partial Regex TrueLiteral();

    [GeneratedRegex(@"= false\b")]
    private static partial Regex FalseLiteral();
}
