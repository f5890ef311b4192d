using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace ActorBot.Kernel.Tests.Api;

/// <summary>
/// Prints one member declaration in PublicApiGenerator 9.3's spelling. The modifier logic mirrors what the
/// 9.3 generator feeds to CodeDOM: scope flags Abstract=1, Final=2, Static=3, Override=4 are OR-ed (they are
/// values, not bits), so <c>sealed override</c> (6) and <c>abstract override</c> (5) print as <c>virtual</c>,
/// a non-virtual method prints no modifier, a static one <c>static</c>; <c>new</c> is printed for a non-virtual
/// method that hides one of the direct base type's methods; events always print as <c>public event</c>.
/// </summary>
public static class ApiMemberWriter
{
    private const int Abstract = 1;
    private const int Final = 2;
    private const int Static = 3;
    private const int Override = 4;

    private static readonly HashSet<string> CSharpKeywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    private static readonly Dictionary<string, string> Operators = new(StringComparer.Ordinal)
    {
        ["op_Addition"] = "+", ["op_UnaryPlus"] = "+", ["op_Subtraction"] = "-", ["op_UnaryNegation"] = "-",
        ["op_Multiply"] = "*", ["op_Division"] = "/", ["op_Modulus"] = "%", ["op_Increment"] = "++",
        ["op_Decrement"] = "--", ["op_OnesComplement"] = "~", ["op_LogicalNot"] = "!", ["op_BitwiseAnd"] = "&",
        ["op_BitwiseOr"] = "|", ["op_ExclusiveOr"] = "^", ["op_LeftShift"] = "<<", ["op_RightShift"] = ">>",
        ["op_Equality"] = "==", ["op_Inequality"] = "!=", ["op_GreaterThan"] = ">", ["op_GreaterThanOrEqual"] = ">=",
        ["op_LessThan"] = "<", ["op_LessThanOrEqual"] = "<=",
    };

    /// <summary>"public", "protected", or null when user code cannot see the member.</summary>
    public static string? Access(MethodBase? method)
    {
        if (method is null)
        {
            return null;
        }

        if (method.IsPublic)
        {
            return "public";
        }

        return method.IsFamily || method.IsFamilyOrAssembly ? "protected" : null;
    }

    public static string? Access(FieldInfo field)
    {
        if (field.IsPublic)
        {
            return "public";
        }

        return field.IsFamily || field.IsFamilyOrAssembly ? "protected" : null;
    }

    public static string Field(FieldInfo field, string access, string indent)
    {
        var text = new StringBuilder(indent).Append(access).Append(' ');
        if (field.IsLiteral)
        {
            text.Append("const ").Append(ApiTypeNames.Of(field.FieldType)).Append(' ').Append(field.Name)
                .Append(" = ").Append(Literal(field.GetRawConstantValue())).Append(';');
            return text.ToString();
        }

        if (field.IsStatic)
        {
            text.Append("static ");
        }

        if (field.IsInitOnly)
        {
            text.Append("readonly ");
        }

        return text.Append(ApiTypeNames.Of(field.FieldType)).Append(' ').Append(field.Name).Append(';').ToString();
    }

    public static string EnumValue(FieldInfo field, string indent) =>
        indent + field.Name + " = " + Convert.ToString(field.GetRawConstantValue(), CultureInfo.InvariantCulture) + ",";

    public static string Constructor(ConstructorInfo ctor, string access, string typeName, string indent) =>
        indent + access + " " + typeName + "(" + Parameters(ctor) + ") { }";

    public static string Method(MethodInfo method, string access, bool inInterface, string indent)
    {
        var name = Operators.TryGetValue(method.Name, out var op) ? op : method.Name;
        var generics = method.IsGenericMethodDefinition ? method.GetGenericArguments() : Array.Empty<Type>();
        var text = new StringBuilder(indent);
        var scope = Scope(method);
        if (!inInterface)
        {
            text.Append(access).Append(' ');
            if (IsHiding(method))
            {
                text.Append("new ");
            }

            text.Append(ScopeWord(scope));
        }

        text.Append(ApiTypeNames.Of(method.ReturnType)).Append(' ').Append(name);
        if (generics.Length > 0)
        {
            text.Append('<').Append(string.Join(", ", generics.Select(g => g.Name))).Append('>');
        }

        text.Append('(').Append(Parameters(method)).Append(')');
        var bodyless = inInterface || scope == Abstract;
        AppendConstraints(text, generics, indent + "    ");
        text.Append(bodyless ? ";" : " { }");
        return text.ToString();
    }

    public static string? Property(PropertyInfo property, bool inInterface, string indent)
    {
        var getter = property.GetGetMethod(nonPublic: true);
        var setter = property.GetSetMethod(nonPublic: true);
        var getAccess = Access(getter);
        var setAccess = Access(setter);
        if (getAccess is null && setAccess is null)
        {
            return null;
        }

        var access = getAccess == "public" || setAccess == "public" ? "public" : "protected";
        var scope = Math.Max(getter is null ? 0 : Scope(getter), setter is null ? 0 : Scope(setter));
        var hiding = (getter is not null && IsHiding(getter)) || (setter is not null && IsHiding(setter));
        var text = new StringBuilder(indent);
        if (!inInterface)
        {
            text.Append(access).Append(' ');
            if (hiding)
            {
                text.Append("new ");
            }

            text.Append(ScopeWord(scope));
        }

        text.Append(ApiTypeNames.Of(property.PropertyType)).Append(' ');
        var index = property.GetIndexParameters();
        if (index.Length > 0 && property.Name == "Item")
        {
            text.Append("this[").Append(string.Join(", ", index.Select(p => ApiTypeNames.Of(p.ParameterType) + " " + p.Name))).Append(']');
        }
        else
        {
            text.Append(property.Name);
        }

        text.Append(" {");
        if (getAccess is not null)
        {
            text.Append(" get;");
        }

        if (setAccess is not null)
        {
            text.Append(" set;");
        }

        return text.Append(" }").ToString();
    }

    public static string Event(EventInfo @event, bool inInterface, string indent) =>
        indent + (inInterface ? string.Empty : "public ") + "event " + ApiTypeNames.Of(@event.EventHandlerType!) + " " + @event.Name + ";";

    public static string Delegate(Type type, string access, string indent)
    {
        var invoke = type.GetMethod("Invoke")!;
        var generics = type.GetGenericArguments();
        var name = ApiTypeNames.StripArity(type.Name)
            + (generics.Length > 0 ? "<" + string.Join(", ", generics.Select(GenericParameterName)) + ">" : string.Empty);
        return indent + access + " delegate " + ApiTypeNames.Of(invoke.ReturnType) + " " + name + "(" + Parameters(invoke) + ");";
    }

    /// <summary>Appends one "where" line per constrained generic parameter (CodeDOM spelling: " class", "new ()").</summary>
    public static void AppendConstraints(StringBuilder text, IEnumerable<Type> genericParameters, string indent)
    {
        foreach (var parameter in genericParameters)
        {
            var attributes = parameter.GenericParameterAttributes;
            var constraints = new List<string>();
            var isStruct = attributes.HasFlag(GenericParameterAttributes.NotNullableValueTypeConstraint);
            if (isStruct)
            {
                constraints.Add(" struct");
            }

            if (attributes.HasFlag(GenericParameterAttributes.ReferenceTypeConstraint))
            {
                constraints.Add(" class");
            }

            constraints.AddRange(parameter.GetGenericParameterConstraints()
                .Where(c => c != typeof(ValueType))
                .Select(ApiTypeNames.Of));
            var constructor = attributes.HasFlag(GenericParameterAttributes.DefaultConstructorConstraint) && !isStruct;
            if (constraints.Count == 0 && !constructor)
            {
                continue;
            }

            text.Append('\n').Append(indent).Append("where ").Append(GenericParameterName(parameter)).Append(" : ")
                .Append(string.Join(", ", constraints));
            if (constructor)
            {
                text.Append(constraints.Count > 0 ? ", new ()" : "new ()");
            }
        }
    }

    /// <summary>A generic parameter with its variance, as 9.3 prints it (also inside "where" lines: <c>where out T</c>).</summary>
    public static string GenericParameterName(Type parameter)
    {
        var variance = parameter.GenericParameterAttributes & GenericParameterAttributes.VarianceMask;
        return variance switch
        {
            GenericParameterAttributes.Covariant => "out " + parameter.Name,
            GenericParameterAttributes.Contravariant => "in " + parameter.Name,
            _ => parameter.Name,
        };
    }

    public static string Parameters(MethodBase method)
    {
        var isExtension = method.IsDefined(typeof(ExtensionAttribute), inherit: false);
        return string.Join(", ", method.GetParameters().Select((p, i) => Parameter(p, isExtension && i == 0)));
    }

    private static string Parameter(ParameterInfo parameter, bool isThis)
    {
        var text = new StringBuilder();
        if (parameter.IsDefined(typeof(ParamArrayAttribute), inherit: false))
        {
            text.Append("params ");
        }

        var type = parameter.ParameterType;
        if (type.IsByRef)
        {
            if (parameter.IsDefined(typeof(IsReadOnlyAttribute), inherit: false))
            {
                text.Append("in ");
            }
            else
            {
                text.Append(parameter.IsOut ? "out " : "ref ");
            }
        }

        if (isThis)
        {
            text.Append("this ");
        }

        text.Append(ApiTypeNames.Of(type)).Append(' ');
        var name = parameter.Name ?? "arg" + parameter.Position;
        if (HasConstant(parameter))
        {
            text.Append(name).Append(" = ").Append(DefaultValue(parameter.RawDefaultValue));
        }
        else
        {
            text.Append(CSharpKeywords.Contains(name) ? "@" + name : name);
        }

        return text.ToString();
    }

    /// <summary>
    /// Cecil's HasConstant: a metadata constant exists. decimal and DateTime defaults live in attributes instead,
    /// so 9.3 prints no default for them (and reflection would).
    /// </summary>
    private static bool HasConstant(ParameterInfo parameter) =>
        parameter.HasDefaultValue
        && !parameter.IsDefined(typeof(DecimalConstantAttribute), inherit: false)
        && !parameter.IsDefined(typeof(DateTimeConstantAttribute), inherit: false);

    /// <summary>9.3's FormatParameterConstant: strings quoted verbatim, null as null, everything else via ToString (True, 0.2, 9223372036854775807).</summary>
    private static string DefaultValue(object? value) => value switch
    {
        null => "null",
        DBNull => "null",
        Missing => "null",
        string s => "\"" + s + "\"",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null",
    };

    /// <summary>CodeDOM's primitive-expression spelling, used for const fields.</summary>
    public static string Literal(object? value) => value switch
    {
        null => "null",
        string s => "\"" + Escape(s) + "\"",
        char c => "'" + Escape(c.ToString()) + "'",
        bool b => b ? "true" : "false",
        uint u => u.ToString(CultureInfo.InvariantCulture) + "u",
        ulong ul => ul.ToString(CultureInfo.InvariantCulture) + "ul",
        float f => f.ToString("R", CultureInfo.InvariantCulture) + "F",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture) + "m",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null",
    };

    private static string Escape(string value)
    {
        var text = new StringBuilder();
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '\r' => "\\r",
                '\t' => "\\t",
                '\n' => "\\n",
                '\0' => "\\0",
                '\\' => "\\\\",
                '"' => "\\\"",
                '\'' => "\\'",
                _ => c.ToString(),
            });
        }

        return text.ToString();
    }

    private static int Scope(MethodInfo method)
    {
        var scope = 0;
        if (method.IsStatic)
        {
            scope |= Static;
        }

        if (method.IsFinal || !method.IsVirtual)
        {
            scope |= Final;
        }

        if (method.IsAbstract)
        {
            scope |= Abstract;
        }

        if (method.IsVirtual && (method.Attributes & MethodAttributes.NewSlot) == 0)
        {
            scope |= Override;
        }

        return scope;
    }

    private static string ScopeWord(int scope) => scope switch
    {
        Abstract => "abstract ",
        Final => string.Empty,
        Static => "static ",
        Override => "override ",
        _ => "virtual ",
    };

    /// <summary>9.3's IsHidingMethod: a non-virtual method whose direct base type declares one with the same signature.</summary>
    private static bool IsHiding(MethodInfo method)
    {
        var declaring = method.DeclaringType;
        if (declaring is null || declaring.IsInterface || method.IsVirtual)
        {
            return false;
        }

        for (var candidate = declaring.BaseType; candidate is not null; candidate = candidate.DeclaringType)
        {
            var definition = candidate.IsConstructedGenericType ? candidate.GetGenericTypeDefinition() : candidate;
            var all = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
            if (definition.GetMethods(all).Any(m => SameSignature(m, method)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool SameSignature(MethodInfo a, MethodInfo b)
    {
        // Cecil's MetadataResolver compares name, generic arity, return type and parameter types.
        if (a.Name != b.Name || a.GetGenericArguments().Length != b.GetGenericArguments().Length
            || ApiTypeNames.Of(a.ReturnType) != ApiTypeNames.Of(b.ReturnType))
        {
            return false;
        }

        var pa = a.GetParameters();
        var pb = b.GetParameters();
        return pa.Length == pb.Length
            && pa.Zip(pb).All(p => ApiTypeNames.Of(p.First.ParameterType) == ApiTypeNames.Of(p.Second.ParameterType));
    }
}
