using System.Text;

namespace ActorBot.Persistence.Sql.Serialization;

/// <summary>
/// The <c>akka.actor</c> HOCON that registers <see cref="ActorBotJsonSerializer"/> and binds to it every registered
/// type plus the <see cref="IPersisted"/> marker and the registry's other markers, so no persisted type reaches Akka's default Newtonsoft serializer.
/// </summary>
public static class PersistenceSerializerHocon
{
    public static string For(PersistenceManifests manifests)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        var text = new StringBuilder();
        text.AppendLine("akka.actor {");
        text.AppendLine($"  serializers.{ActorBotJsonSerializer.Name} = {HoconText.Quote(TypeName(typeof(ActorBotJsonSerializer)))}");
        text.AppendLine($"  serialization-identifiers {{ {HoconText.Quote(TypeName(typeof(ActorBotJsonSerializer)))} = {JsonPersistenceSerializer.SerializerId} }}");
        text.AppendLine("  serialization-bindings {");
        foreach (var type in manifests.Types.Concat(manifests.Markers).Prepend(typeof(IPersisted)).Distinct().OrderBy(TypeName, StringComparer.Ordinal))
        {
            text.AppendLine($"    {HoconText.Quote(TypeName(type))} = {ActorBotJsonSerializer.Name}");
        }

        text.AppendLine("  }");
        text.AppendLine("}");
        return text.ToString();
    }

    // Namespace-qualified name and assembly name without version: what Akka's binding lookup resolves with Type.GetType.
    private static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}
