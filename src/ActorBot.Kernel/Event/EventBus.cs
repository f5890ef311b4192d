using Akka.Actor;

namespace Akka.Event;

/// <summary>
/// Publish/subscribe by classifier. Subscriptions are a copy-on-write array: publishing reads it without
/// a lock; a subscriber that matches through several classifiers gets the event once.
/// </summary>
public abstract class EventBus<TEvent, TClassifier, TSubscriber>
{
    private readonly object _lock = new();
    private (TClassifier Classifier, TSubscriber Subscriber)[] _subscriptions = [];

    protected EventBus()
    {
    }

    public virtual bool Subscribe(TSubscriber subscriber, TClassifier classifier)
    {
        lock (_lock)
        {
            foreach (var (c, s) in _subscriptions)
            {
                if (EqualityComparer<TSubscriber>.Default.Equals(s, subscriber) && IsSubClassification(c, classifier))
                {
                    return false;
                }
            }

            _subscriptions = [.. _subscriptions, (classifier, subscriber)];
            return true;
        }
    }

    public virtual bool Unsubscribe(TSubscriber subscriber)
    {
        if (_subscriptions.Length == 0)
        {
            return false;
        }

        lock (_lock)
        {
            var kept = _subscriptions.Where(s => !EqualityComparer<TSubscriber>.Default.Equals(s.Subscriber, subscriber)).ToArray();
            var removed = kept.Length != _subscriptions.Length;
            _subscriptions = kept;
            return removed;
        }
    }

    public virtual bool Unsubscribe(TSubscriber subscriber, TClassifier classifier)
    {
        lock (_lock)
        {
            var kept = _subscriptions
                .Where(s => !(EqualityComparer<TSubscriber>.Default.Equals(s.Subscriber, subscriber)
                    && EqualityComparer<TClassifier>.Default.Equals(s.Classifier, classifier)))
                .ToArray();
            var removed = kept.Length != _subscriptions.Length;
            _subscriptions = kept;
            return removed;
        }
    }

    public virtual void Publish(TEvent @event)
    {
        var subscriptions = _subscriptions;
        for (var i = 0; i < subscriptions.Length; i++)
        {
            var (classifier, subscriber) = subscriptions[i];
            if (!Classify(@event, classifier) || DeliveredEarlier(subscriptions, i, @event, subscriber))
            {
                continue;
            }

            Publish(@event, subscriber);
        }
    }

    protected abstract bool Classify(TEvent @event, TClassifier classifier);

    protected abstract TClassifier GetClassifier(TEvent @event);

    protected abstract bool IsSubClassification(TClassifier parent, TClassifier child);

    protected abstract void Publish(TEvent @event, TSubscriber subscriber);

    protected string SimpleName(object source) => SimpleName(source.GetType());

    protected string SimpleName(Type source) => source.Name;

    private bool DeliveredEarlier((TClassifier Classifier, TSubscriber Subscriber)[] subscriptions, int index, TEvent @event, TSubscriber subscriber)
    {
        for (var j = 0; j < index; j++)
        {
            if (EqualityComparer<TSubscriber>.Default.Equals(subscriptions[j].Subscriber, subscriber)
                && Classify(@event, subscriptions[j].Classifier))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>An event bus whose subscribers are actors.</summary>
public abstract class ActorEventBus<TEvent, TClassifier> : EventBus<TEvent, TClassifier, IActorRef>
{
    protected ActorEventBus()
    {
    }
}

/// <summary>Classifies events by type, subtypes included.</summary>
public class LoggingBus : ActorEventBus<object, Type>
{
    public LoggingBus()
    {
    }

    public LogLevel LogLevel { get; private set; } = LogLevel.InfoLevel;

    public void SetLogLevel(LogLevel logLevel) => LogLevel = logLevel;

    protected override bool Classify(object @event, Type classifier) => classifier.IsInstanceOfType(@event);

    protected override Type GetClassifier(object @event) => @event.GetType();

    protected override bool IsSubClassification(Type parent, Type child) => parent.IsAssignableFrom(child);

    protected override void Publish(object @event, IActorRef subscriber) => subscriber.Tell(@event, ActorRefs.NoSender);
}

/// <summary>
/// The system's event stream: fire-and-forget publication to subscribers of a type or a base type.
/// <see cref="DeadLetter"/> and <see cref="UnhandledMessage"/> are published here. A subscriber is removed
/// automatically when it stops.
/// </summary>
public class EventStream : LoggingBus
{
    public EventStream(bool debug)
    {
    }

    public override bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        return base.Subscribe(subscriber, channel);
    }

    public override bool Unsubscribe(IActorRef subscriber, Type channel) => base.Unsubscribe(subscriber, channel);

    public override bool Unsubscribe(IActorRef subscriber) => base.Unsubscribe(subscriber);
}

/// <summary>Generic subscribe helpers.</summary>
public static class EventStreamExtensions
{
    public static bool Subscribe<TChannel>(this EventStream eventStream, IActorRef subscriber) =>
        eventStream.Subscribe(subscriber, typeof(TChannel));

    public static bool Unsubscribe<TChannel>(this EventStream eventStream, IActorRef subscriber) =>
        eventStream.Unsubscribe(subscriber, typeof(TChannel));
}
