using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace ActorBot.Kernel.Tests.Api;

/// <summary>
/// The InterfaceImpl rows of a type, read from its assembly's metadata: reflection's GetInterfaces() also returns
/// interfaces inherited from base classes, which PublicApiGenerator (through Cecil) does not print.
/// </summary>
public static class InterfaceRows
{
    private static readonly ConcurrentDictionary<Assembly, MetadataReader?> Readers = new();

    public static IReadOnlyList<Type> Of(Type type)
    {
        var reader = Readers.GetOrAdd(type.Assembly, Open);
        if (reader is null)
        {
            // No file to read (in-memory assembly): all interfaces minus the base class's is the nearest reflection gets.
            var inherited = type.IsInterface || type.BaseType is null ? new HashSet<Type>() : type.BaseType.GetInterfaces().ToHashSet();
            return type.GetInterfaces().Where(i => !inherited.Contains(i)).ToList();
        }

        var definition = reader.GetTypeDefinition(MetadataTokens.TypeDefinitionHandle(type.MetadataToken));
        var typeArguments = type.IsGenericType ? type.GetGenericArguments() : null;
        return definition.GetInterfaceImplementations()
            .Select(handle => reader.GetInterfaceImplementation(handle).Interface)
            .Select(handle => type.Module.ResolveType(MetadataTokens.GetToken(handle), typeArguments, null))
            .ToList();
    }

    private static MetadataReader? Open(Assembly assembly)
    {
        if (string.IsNullOrEmpty(assembly.Location))
        {
            return null;
        }

        // The PE image is read into memory whole, so the reader stays valid without holding the file open.
        var image = File.ReadAllBytes(assembly.Location);
        var pe = new PEReader(new MemoryStream(image));
        return pe.GetMetadataReader();
    }
}
