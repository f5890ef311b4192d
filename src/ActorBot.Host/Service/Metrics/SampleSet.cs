using System.Diagnostics.Metrics;

namespace ActorBot.Host.Service.Metrics;

/// <summary>One scrape's values of the probe families (asked of the actors), by family name; read by their observable instruments.</summary>
internal sealed class SampleSet
{
    private readonly Dictionary<string, List<Measurement<double>>> _byName = new(StringComparer.Ordinal);

    public static SampleSet Empty { get; } = new();

    public void Add(string name, double value, params (string Key, string Value)[] labels)
    {
        if (!_byName.TryGetValue(name, out var list))
        {
            list = [];
            _byName[name] = list;
        }

        list.Add(new Measurement<double>(value, labels.Select(l => new KeyValuePair<string, object?>(l.Key, l.Value))));
    }

    public IEnumerable<Measurement<double>> Get(string name) => _byName.TryGetValue(name, out var list) ? list : [];
}
