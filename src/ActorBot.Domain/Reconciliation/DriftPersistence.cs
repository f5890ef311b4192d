using System.Collections.Immutable;

namespace ActorBot.Domain.Reconciliation;

/// <summary>
/// Counts, per drift key, how many consecutive checks found it. A single mismatch can be a race (a fill
/// seen on the venue before our stream delivered it); one that survives <see cref="Threshold"/> checks in a
/// row is real, and the venue goes to SAFE_PAUSE. A check without the key resets its count. Informational
/// drifts (account unavailable) are never counted.
/// </summary>
public sealed record DriftPersistence(int Threshold, ImmutableDictionary<string, int> Counts)
{
    public static DriftPersistence Create(int threshold) =>
        threshold < 1
            ? throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "the persistence threshold must be at least 1")
            : new DriftPersistence(threshold, ImmutableDictionary<string, int>.Empty);

    /// <summary>Folds one check's drift records; the verdict says whether the venue must pause and which keys persisted.</summary>
    public DriftVerdict Observe(IReadOnlyCollection<DriftRecord> check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var next = ImmutableDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
        foreach (var key in check.Where(d => d.Severity != DriftSeverity.Info).Select(d => d.Key).Distinct(StringComparer.Ordinal))
        {
            next[key] = Counts.GetValueOrDefault(key) + 1;
        }

        var state = this with { Counts = next.ToImmutable() };
        var persistent = state.Counts.Where(kv => kv.Value >= Threshold).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList();
        return new DriftVerdict(state, persistent.Count > 0, persistent);
    }
}

/// <summary>The next persistence state, whether to pause the venue, and the drift keys that persisted.</summary>
public sealed record DriftVerdict(DriftPersistence Next, bool PauseVenue, IReadOnlyList<string> PersistentKeys);
