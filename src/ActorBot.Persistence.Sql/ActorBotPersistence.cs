using ActorBot.Persistence.Sql.Serialization;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Persistence.Sql;

namespace ActorBot.Persistence.Sql;

/// <summary>
/// Everything an actor system needs to persist through Akka.Persistence.Sql with our serializer: the plugin HOCON,
/// the serializer registration and bindings, and the <see cref="PersistenceSerializerSetup"/>. One place, so the
/// host, the tests, the crash child and the benchmarks start their systems the same way. Call
/// <see cref="Schema.SchemaCreator"/> first: the plugin runs with auto-initialize off.
/// </summary>
public static class ActorBotPersistence
{
    /// <summary>Plugin and serializer HOCON (generated text, never operator input).</summary>
    public static string Hocon(SqlPersistenceOptions options, PersistenceManifests manifests) =>
        SqlPersistenceHocon.For(options) + Environment.NewLine + PersistenceSerializerHocon.For(manifests);

    /// <summary>
    /// Our HOCON over the plugin's reference configuration (class names, column names, defaults), which Akka does not
    /// load by itself until something touches the <see cref="SqlPersistence"/> extension.
    /// </summary>
    public static Config Config(SqlPersistenceOptions options, PersistenceManifests manifests) =>
        ConfigurationFactory.ParseString(Hocon(options, manifests)).WithFallback(SqlPersistence.DefaultConfiguration);

    /// <summary>For <c>ActorSystem.Create(name, setup)</c> and TestKit: <paramref name="extra"/> wins over ours.</summary>
    public static ActorSystemSetup SystemSetup(SqlPersistenceOptions options, JsonPersistenceSerializer serializer, Config? extra = null)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        var config = Config(options, serializer.Manifests);
        if (extra is not null)
        {
            config = extra.WithFallback(config);
        }

        return BootstrapSetup.Create().WithConfig(config).And(new PersistenceSerializerSetup(serializer));
    }

    /// <summary>Akka.Hosting: <c>services.AddAkka(name, (akka, _) =&gt; akka.WithActorBotPersistence(options, serializer))</c>.</summary>
    public static AkkaConfigurationBuilder WithActorBotPersistence(this AkkaConfigurationBuilder builder, SqlPersistenceOptions options, JsonPersistenceSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(serializer);

        // Prepend: these keys win over anything the service's own HOCON says about the plugins or bindings.
        return builder
            .AddHocon(Hocon(options, serializer.Manifests), HoconAddMode.Prepend)
            .AddHocon(SqlPersistence.DefaultConfiguration, HoconAddMode.Append)
            .AddSetup(new PersistenceSerializerSetup(serializer));
    }
}
