using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorBot.Kernel.Tests.Runtime;

public sealed class HostingSpec
{
    [Fact(DisplayName = "AddAkka starts the system with the Generic Host, WithActors registers actors, IRequiredActor finds them, stopping the host terminates the system")]
    public async Task HostLifecycle()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddAkka("hosted", (akka, sp) =>
        {
            akka.AddHocon(ConfigurationFactory.ParseString("akka.actor.ask-timeout = 9s"), HoconAddMode.Append);
            akka.WithActors((system, registry) =>
            {
                registry.Register<EchoKey>(system.ActorOf(Props.Create(() => new EchoActor()), "echo"));
            });
        });
        using var host = builder.Build();
        await host.StartAsync();

        var echo = host.Services.GetRequiredService<IRequiredActor<EchoKey>>().ActorRef;
        echo.Path.ToString().Should().Be("akka://hosted/user/echo");
        (await echo.Ask<string>("hi", TimeSpan.FromSeconds(15))).Should().Be("hi");
        var system = host.Services.GetRequiredService<ActorSystem>();
        system.Settings.AskTimeout.Should().Be(TimeSpan.FromSeconds(9));
        var registry = host.Services.GetRequiredService<ActorRegistry>();
        registry.Should().BeSameAs(ActorRegistry.For(system));
        FluentActions.Invoking(() => registry.Register<EchoKey>(echo)).Should().Throw<DuplicateActorRegistryException>();
        FluentActions.Invoking(() => registry.Get<string>()).Should().Throw<MissingActorRegistryEntryException>();

        await host.StopAsync();
        system.WhenTerminated.IsCompleted.Should().BeTrue();
    }

    [Fact(DisplayName = "ActorRegistry.GetAsync completes when the key gets registered")]
    public async Task GetAsyncWaitsForRegistration()
    {
        var registry = new ActorRegistry();
        var pending = registry.GetAsync<EchoKey>();
        pending.IsCompleted.Should().BeFalse();
        registry.TryRegister<EchoKey>(ActorRefs.Nobody).Should().BeTrue();
        (await pending.WaitAsync(TimeSpan.FromSeconds(15))).Should().BeSameAs(ActorRefs.Nobody);
    }

    private sealed class EchoKey
    {
    }

    private sealed class EchoActor : ReceiveActor
    {
        public EchoActor() => ReceiveAny(m => Sender.Tell(m));
    }
}
