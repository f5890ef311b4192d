using Akka.Actor;
using Akka.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Akka.Hosting;

/// <summary>Starts actors once the system is up (registered through <c>WithActors</c>).</summary>
public delegate Task ActorStarter(ActorSystem system, IActorRegistry registry);

/// <summary>Runs after all actor starters.</summary>
public delegate Task StartupTask(ActorSystem system, IActorRegistry registry);

/// <summary>How added HOCON combines with what the builder already has.</summary>
public enum HoconAddMode
{
    Append = 0,
    Prepend = 1,
    Replace = 2,
}

/// <summary>
/// Collects what <c>AddAkka</c> needs to build and start the actor system: HOCON and the actor starters,
/// run in registration order when the host starts.
/// </summary>
public sealed class AkkaConfigurationBuilder
{
    private readonly List<ActorStarter> _starters = [];
    private readonly List<StartupTask> _startupTasks = [];
    private Config _config = ConfigurationFactory.Empty;

    public AkkaConfigurationBuilder(IServiceCollection serviceCollection, string actorSystemName)
    {
        ServiceCollection = serviceCollection;
        ActorSystemName = actorSystemName;
    }

    internal IServiceCollection ServiceCollection { get; }

    internal string ActorSystemName { get; }

    internal Config Config => _config;

    internal IReadOnlyList<ActorStarter> Starters => _starters;

    internal IReadOnlyList<StartupTask> StartupTasks => _startupTasks;

    public AkkaConfigurationBuilder StartActors(ActorStarter starter)
    {
        _starters.Add(starter);
        return this;
    }

    public AkkaConfigurationBuilder StartActors(Action<ActorSystem, IActorRegistry> starter)
    {
        ArgumentNullException.ThrowIfNull(starter);
        return StartActors((system, registry) =>
        {
            starter(system, registry);
            return Task.CompletedTask;
        });
    }

    public AkkaConfigurationBuilder AddStartup(StartupTask startupTask)
    {
        _startupTasks.Add(startupTask);
        return this;
    }

    public AkkaConfigurationBuilder AddStartup(Action<ActorSystem, IActorRegistry> startupTask)
    {
        ArgumentNullException.ThrowIfNull(startupTask);
        return AddStartup((system, registry) =>
        {
            startupTask(system, registry);
            return Task.CompletedTask;
        });
    }

    internal void MergeHocon(Config hocon, HoconAddMode addMode) => _config = addMode switch
    {
        HoconAddMode.Append => _config.IsEmpty ? hocon : _config.WithFallback(hocon),
        HoconAddMode.Prepend => _config.IsEmpty ? hocon : hocon.WithFallback(_config),
        HoconAddMode.Replace => hocon,
        _ => throw new ArgumentOutOfRangeException(nameof(addMode), addMode, "Unknown HOCON add mode."),
    };
}
