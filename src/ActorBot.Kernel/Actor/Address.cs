namespace Akka.Actor;

/// <summary>Where an actor system lives; local systems are <c>akka://name</c>.</summary>
public sealed class Address : IEquatable<Address>
{
    public Address(string protocol, string system, string? host = null, int? port = null)
    {
        Protocol = protocol;
        System = system;
        Host = host;
        Port = port;
    }

    public string? Host { get; }

    public int? Port { get; }

    public string Protocol { get; }

    public string System { get; }

    public bool HasLocalScope => string.IsNullOrEmpty(Host);

    public bool HasGlobalScope => !string.IsNullOrEmpty(Host);

    public bool Equals(Address? other) =>
        other is not null && Protocol == other.Protocol && System == other.System && Host == other.Host && Port == other.Port;

    public override bool Equals(object? obj) => obj is Address a && Equals(a);

    public override int GetHashCode() => HashCode.Combine(Protocol, System, Host, Port);

    public override string ToString()
    {
        if (string.IsNullOrEmpty(Host))
        {
            return $"{Protocol}://{System}";
        }

        return Port is null ? $"{Protocol}://{System}@{Host}" : $"{Protocol}://{System}@{Host}:{Port}";
    }

    public static bool operator ==(Address? left, Address? right) => Equals(left, right);

    public static bool operator !=(Address? left, Address? right) => !Equals(left, right);
}
