using Akka.Actor;
using Akka.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Akka.Hosting;

/// <summary>
/// <c>services.AddAkka(name, (builder, sp) => ...)</c>: registers the <see cref="ActorSystem"/>, the
/// <see cref="ActorRegistry"/>, <see cref="IRequiredActor{TActor}"/> and a hosted service that starts the
/// system with the Generic Host (running the actor starters) and terminates it when the host stops.
/// The system logs through the container's <see cref="ILoggerFactory"/>.
/// </summary>
public static class AkkaHostingExtensions
{
    public static IServiceCollection AddAkka(this IServiceCollection services, string actorSystemName, Action<AkkaConfigurationBuilder> builder) =>
        AddAkka(services, actorSystemName, (b, _) => builder(b));

    public static IServiceCollection AddAkka(this IServiceCollection services, string actorSystemName, Action<AkkaConfigurationBuilder, IServiceProvider> builder)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(builder);
        var configurationBuilder = new AkkaConfigurationBuilder(services, actorSystemName);
        var configured = 0;
        services.AddSingleton(configurationBuilder);
        services.AddSingleton<ActorSystem>(sp =>
        {
            if (Interlocked.Exchange(ref configured, 1) == 0)
            {
                builder(configurationBuilder, sp);
            }

            var settings = KernelSettings.FromConfig(configurationBuilder.Config, sp.GetService<ILoggerFactory>());
            return ActorSystemImpl.Start(actorSystemName, settings);
        });
        services.AddSingleton(sp => ActorRegistry.For(sp.GetRequiredService<ActorSystem>()));
        services.AddSingleton<IActorRegistry>(sp => sp.GetRequiredService<ActorRegistry>());
        services.AddSingleton<IReadOnlyActorRegistry>(sp => sp.GetRequiredService<ActorRegistry>());
        services.AddTransient(typeof(IRequiredActor<>), typeof(RequiredActor<>));
        services.AddHostedService(sp => new AkkaHostedService(configurationBuilder, sp));
        return services;
    }

    public static AkkaConfigurationBuilder WithActors(this AkkaConfigurationBuilder builder, Action<ActorSystem, IActorRegistry> actorStarter) =>
        builder.StartActors(actorStarter);

    public static AkkaConfigurationBuilder WithActors(this AkkaConfigurationBuilder builder, ActorStarter actorStarter) =>
        builder.StartActors(actorStarter);

    public static AkkaConfigurationBuilder AddHocon(this AkkaConfigurationBuilder builder, Config hocon, HoconAddMode addMode)
    {
        builder.MergeHocon(hocon, addMode);
        return builder;
    }

    public static AkkaConfigurationBuilder WithActorAskTimeout(this AkkaConfigurationBuilder builder, TimeSpan timeout) =>
        builder.AddHocon(
            ConfigurationFactory.ParseString($"akka.actor.ask-timeout = {(long)timeout.TotalMilliseconds}ms"),
            HoconAddMode.Prepend);
}

/// <summary>Starts the system and its actors with the host; terminates it on stop.</summary>
internal sealed class AkkaHostedService(AkkaConfigurationBuilder builder, IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var system = services.GetRequiredService<ActorSystem>();
        var registry = ActorRegistry.For(system);
        foreach (var starter in builder.Starters)
        {
            await starter(system, registry).WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var task in builder.StartupTasks)
        {
            await task(system, registry).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var system = services.GetRequiredService<ActorSystem>();
        await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance).WaitAsync(cancellationToken).ConfigureAwait(false);
        await system.WhenTerminated.WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
