using System.Text;
using System.Text.RegularExpressions;

namespace ActorBot.Kernel.Tests.Api;

/// <summary>
/// Canonical form of one declaration of an API listing, so that a line printed by PublicApiGenerator and
/// the same line printed by <see cref="ReflectionApiWriter"/> compare equal as plain strings.
/// Canonicalising: continuation lines (generic <c>where</c> clauses, multi-line attribute arguments) are
/// joined; attributes are dropped (Akka's files carry <c>[Obsolete]</c>, <c>NullableAttribute</c> and the
/// like, which say nothing about whether code compiles); whitespace runs become one space; and the
/// 9.3 generator's <c>public class static X</c> / <c>public struct readonly X</c> become C# order.
/// </summary>
public static partial class ApiLine
{
    public static string Canonical(string declaration, ListingDialect dialect = ListingDialect.PublicApiGenerator93)
    {
        var text = StripAttributes(declaration.Replace('\r', ' ').Replace('\n', ' ').Replace('\t', ' '));
        if (dialect == ListingDialect.NewerPublicApiGenerator)
        {
            text = NewerDialect.ToGenerator93(text);
        }

        text = CollapseWhitespace(text);
        text = text.Replace(" class static ", " static class ", StringComparison.Ordinal)
            .Replace(" struct readonly ", " readonly struct ", StringComparison.Ordinal);
        return text;
    }

    /// <summary>
    /// Removes every attribute section: a '[' that starts a declaration or a parameter (start of text, or after
    /// '(', ',' or '&lt;') opens an attribute; array brackets (<c>object[]</c>) and indexers (<c>this[int i]</c>)
    /// follow an identifier and are kept.
    /// </summary>
    public static string StripAttributes(string text)
    {
        var output = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '"' or '\'')
            {
                var end = SkipLiteral(text, i);
                output.Append(text, i, end - i);
                i = end;
                continue;
            }

            if (c == '[' && StartsAttribute(output))
            {
                i = SkipBalanced(text, i, '[', ']');
                while (i < text.Length && text[i] == ' ')
                {
                    i++;
                }

                continue;
            }

            output.Append(c);
            i++;
        }

        return output.ToString();
    }

    public static string CollapseWhitespace(string text)
    {
        var output = new StringBuilder(text.Length);
        var i = 0;
        var pendingSpace = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '"' or '\'')
            {
                if (pendingSpace && output.Length > 0)
                {
                    output.Append(' ');
                }

                pendingSpace = false;
                var end = SkipLiteral(text, i);
                output.Append(text, i, end - i);
                i = end;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
            }
            else
            {
                if (pendingSpace && output.Length > 0)
                {
                    output.Append(' ');
                }

                pendingSpace = false;
                output.Append(c);
            }

            i++;
        }

        return output.ToString();
    }

    /// <summary>
    /// The member's simple name, used to offer "closest candidates" when a line is not found:
    /// <c>Create</c> for <c>public static Props Create&lt;T&gt;(...)</c>, <c>Self</c> for a property,
    /// <c>this[]</c> for an indexer, <c>.ctor</c> is not special (constructors are named like their type).
    /// </summary>
    public static string MemberName(string canonical)
    {
        var op = OperatorDeclaration().Match(canonical);
        if (op.Success)
        {
            return op.Groups["op"].Value;
        }

        var end = canonical.Length;
        var depth = 0;
        for (var i = 0; i < canonical.Length; i++)
        {
            var c = canonical[i];
            if (c is '"' or '\'')
            {
                i = SkipLiteral(canonical, i) - 1;
                continue;
            }

            if (c == '<')
            {
                depth++;
            }
            else if (c == '>' && depth > 0 && !(i > 0 && canonical[i - 1] == '='))
            {
                depth--;
            }

            if (depth > 0)
            {
                continue;
            }

            if (c == '(' || c == ';' || c == ',' || (c == '{' && i > 0 && canonical[i - 1] == ' ')
                || (c == '=' && i > 0 && canonical[i - 1] == ' ' && i + 1 < canonical.Length && canonical[i + 1] == ' '))
            {
                end = i;
                break;
            }
        }

        var head = canonical[..end].TrimEnd();
        if (head.Contains(" this[", StringComparison.Ordinal) || head.StartsWith("this[", StringComparison.Ordinal))
        {
            return "this[]";
        }

        if (head.EndsWith('>'))
        {
            var open = FindOpeningAngle(head);
            if (open > 0)
            {
                head = head[..open];
            }
        }

        var space = head.LastIndexOf(' ');
        return space < 0 ? head : head[(space + 1)..];
    }

    /// <summary>Lookup key of a type reference: <c>Akka.Dispatch.IRequiresMessageQueue&lt;X&gt;</c> → <c>Akka.Dispatch.IRequiresMessageQueue`1</c>.</summary>
    public static string TypeReferenceKey(string typeReference)
    {
        var open = typeReference.IndexOf('<');
        if (open < 0 || !typeReference.EndsWith('>'))
        {
            return typeReference;
        }

        var arguments = typeReference[(open + 1)..^1];
        var arity = Math.Max(SplitTopLevel(arguments).Count, arguments.Count(c => c == ',') + 1);
        return typeReference[..open] + "`" + arity;
    }

    /// <summary>Splits at top-level ", " (outside angle brackets, parentheses, brackets and literals).</summary>
    public static List<string> SplitTopLevel(string text)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '"' or '\'')
            {
                i = SkipLiteral(text, i) - 1;
                continue;
            }

            if (c is '<' or '(' or '[')
            {
                depth++;
            }
            else if (c is '>' or ')' or ']')
            {
                depth--;
            }
            else if (c == ',' && depth == 0)
            {
                parts.Add(text[start..i].Trim());
                start = i + 1;
            }
        }

        var last = text[start..].Trim();
        if (last.Length > 0)
        {
            parts.Add(last);
        }

        return parts;
    }

    /// <summary>True when '(' / '[' outnumber their closers (outside literals): the declaration continues on the next line.</summary>
    public static bool IsUnbalanced(string text)
    {
        var parens = 0;
        var brackets = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '"' or '\'')
            {
                i = SkipLiteral(text, i) - 1;
                continue;
            }

            switch (c)
            {
                case '(': parens++; break;
                case ')': parens--; break;
                case '[': brackets++; break;
                case ']': brackets--; break;
            }
        }

        return parens > 0 || brackets > 0;
    }

    /// <summary>Index just past a string or char literal starting at <paramref name="start"/>.</summary>
    public static int SkipLiteral(string text, int start)
    {
        var quote = text[start];
        var i = start + 1;
        while (i < text.Length)
        {
            if (text[i] == '\\')
            {
                i += 2;
                continue;
            }

            if (text[i] == quote)
            {
                return i + 1;
            }

            i++;
        }

        return text.Length;
    }

    public static int FindOpeningAngle(string text)
    {
        var depth = 0;
        for (var i = text.Length - 1; i >= 0; i--)
        {
            if (text[i] == '>')
            {
                depth++;
            }
            else if (text[i] == '<')
            {
                depth--;
                if (depth == 0)
                {
                    return i;
                }
            }
        }

        return -1;
    }

    private static int SkipBalanced(string text, int start, char open, char close)
    {
        var depth = 0;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '"' or '\'')
            {
                i = SkipLiteral(text, i) - 1;
                continue;
            }

            if (c == open)
            {
                depth++;
            }
            else if (c == close)
            {
                depth--;
                if (depth == 0)
                {
                    return i + 1;
                }
            }
        }

        return text.Length;
    }

    /// <summary>9.3 prints operators by symbol: <c>public static bool ==(A left, A right) { }</c>.</summary>
    [GeneratedRegex(@"^(?:public|protected) static [^(]* (?<op>==|!=|<=|>=|<<|>>|\+\+|--|[-+*/%!~&|^<>])\(")]
    private static partial Regex OperatorDeclaration();

    private static bool StartsAttribute(StringBuilder output)
    {
        for (var i = output.Length - 1; i >= 0; i--)
        {
            var c = output[i];
            if (c == ' ')
            {
                continue;
            }

            return c is '(' or ',' or '<';
        }

        return true;
    }
}

/// <summary>Which PublicApiGenerator wrote a listing: akka.net's files come from 9.3, Akka.Hosting's from a newer one.</summary>
public enum ListingDialect
{
    PublicApiGenerator93,
    NewerPublicApiGenerator,
}
