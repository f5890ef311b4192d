using ActorBot.Domain.Modes;
using ActorBot.Engine.Bot;
using Akka.Hosting;

namespace ActorBot.Host.Service;

/// <summary>
/// Engages the kill switch from the environment at start and from the kill file while the service runs:
/// creating the file engages it, deleting a file that engaged it releases it. Polled, because a file watcher
/// misses events on some filesystems (network mounts, containers) and a missed kill is not acceptable.
/// </summary>
public sealed class KillSwitchWatcher : BackgroundService
{
    private readonly KillSwitch _kill;
    private readonly IRequiredActor<BotActor> _bot;
    private readonly string? _file;
    private readonly TimeSpan _poll;

    private readonly Func<string, string?> _environment;

    public KillSwitchWatcher(KillSwitch kill, IRequiredActor<BotActor> bot, KillSwitchSettings settings, ServiceEnvironment environment)
    {
        _environment = environment.Lookup;
        _kill = kill;
        _bot = bot;
        _file = settings.File;
        _poll = settings.PollInterval;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var bot = await _bot.GetAsync(stoppingToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(_environment(LiveArmingGate.KillSwitchVariable)))
        {
            // The cancel-all's answer is logged by the kill switch; nobody here waits for it.
            _ = _kill.Engage(bot, $"environment variable {LiveArmingGate.KillSwitchVariable}");
        }

        if (_file is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(_poll);
        var source = $"file {_file}";
        do
        {
            if (File.Exists(_file))
            {
                _ = _kill.Engage(bot, source);
            }
            else if (_kill.Engaged && _kill.Source == source)
            {
                _kill.Release(bot, source);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
