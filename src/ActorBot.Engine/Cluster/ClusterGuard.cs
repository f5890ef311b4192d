using ActorBot.Engine.Probing;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace ActorBot.Engine.Cluster;

/// <summary>Asks the node's <see cref="ClusterGuard"/> for its present state; answered with <see cref="ClusterPauseChanged"/>.</summary>
public sealed record GetClusterPause
{
    public static readonly GetClusterPause Instance = new();
}

/// <summary>
/// Node-local (<c>/user/cluster-guard</c>): watches membership and reachability and publishes
/// <see cref="ClusterPauseChanged"/> on the node's event stream whenever this node's standing changes. It pauses when the
/// node can no longer see a strict majority of the trading role's members (it may be the side the Split Brain Resolver
/// downs), when it is downed, leaving or removed, and when the cluster shuts down on it. It fires on the first
/// unreachability event, before <c>stable-after</c> has passed — so a minority node has stopped taking entries before
/// the majority downs it and starts its symbols elsewhere. A pure rule (<see cref="ClusterStanding"/>) decides.
/// </summary>
public sealed class ClusterGuard : ReceiveActor
{
    /// <summary>Where the host starts it.</summary>
    public const string Path = "/user/cluster-guard";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly Dictionary<Address, Member> _members = [];
    private readonly HashSet<Address> _unreachable = [];
    private bool _shuttingDown;
    private ClusterPauseChanged _state = new(true, "not a cluster member yet");

    public ClusterGuard()
    {
        Receive<ClusterEvent.CurrentClusterState>(s =>
        {
            _members.Clear();
            foreach (var m in s.Members)
            {
                _members[m.Address] = m;
            }

            _unreachable.Clear();
            _unreachable.UnionWith(s.Unreachable.Select(m => m.Address));
            Evaluate();
        });
        Receive<ClusterEvent.IMemberEvent>(e =>
        {
            if (e is ClusterEvent.MemberRemoved)
            {
                _members.Remove(e.Member.Address);
                _unreachable.Remove(e.Member.Address);
            }
            else
            {
                _members[e.Member.Address] = e.Member;
            }

            Evaluate();
        });
        Receive<ClusterEvent.UnreachableMember>(e =>
        {
            _unreachable.Add(e.Member.Address);
            Evaluate();
        });
        Receive<ClusterEvent.ReachableMember>(e =>
        {
            _unreachable.Remove(e.Member.Address);
            Evaluate();
        });
        Receive<ClusterEvent.ClusterShuttingDown>(_ =>
        {
            _shuttingDown = true;
            Evaluate();
        });
        Receive<ClusterEvent.IClusterDomainEvent>(_ => { });
        Receive<GetClusterPause>(_ => Sender.Tell(_state));
        Receive<ProbeState>(_ => ProbeReply.Answer(Context, new
        {
            paused = _state.Paused,
            reason = _state.Reason,
            members = _members.Count,
            unreachable = _unreachable.Select(a => a.ToString()).OrderBy(a => a, StringComparer.Ordinal).ToList(),
        }));
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new ClusterGuard());

    protected override void PreStart() =>
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent), typeof(ClusterEvent.ClusterShuttingDown));

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private void Evaluate()
    {
        var self = _cluster.SelfAddress;
        var trading = _members.Values.Where(m => m.HasRole(ClusterNames.TradingRole)).Select(m => new ClusterStanding.MemberView(m.Address == self, Status(m.Status), _unreachable.Contains(m.Address))).ToList();
        var (paused, reason) = ClusterStanding.Decide(trading, _shuttingDown);
        if (paused == _state.Paused && reason == _state.Reason)
        {
            return;
        }

        _state = new ClusterPauseChanged(paused, reason);
        if (paused)
        {
            _log.Warning("cluster guard: SAFE_PAUSE on this node's symbols: {0}", reason);
        }
        else
        {
            _log.Info("cluster guard: this node is a healthy member of the majority ({0})", reason);
        }

        Context.System.EventStream.Publish(_state);
    }

    private static ClusterStanding.MemberState Status(MemberStatus s) => s switch
    {
        MemberStatus.Up or MemberStatus.WeaklyUp => ClusterStanding.MemberState.Up,
        MemberStatus.Joining => ClusterStanding.MemberState.Joining,
        MemberStatus.Down => ClusterStanding.MemberState.Down,
        _ => ClusterStanding.MemberState.Leaving,
    };
}
