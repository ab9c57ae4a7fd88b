namespace FraudActors.Trainer.Simulation;

/// <summary>Counts rows, distinct cards and frauds per scenario tag as rows stream past.</summary>
internal sealed class SimulationTally
{
    private readonly HashSet<string> _cards = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _byScenario = new(StringComparer.Ordinal);

    public long Rows { get; private set; }

    public long Frauds { get; private set; }

    public int Cards => _cards.Count;

    public double FraudRate => Rows == 0 ? 0 : (double)Frauds / Rows;

    public void Add(SimulatedTransaction row)
    {
        ArgumentNullException.ThrowIfNull(row);
        Rows++;
        _cards.Add(row.Transaction.CardId);
        if (!row.IsFraud)
        {
            return;
        }

        Frauds++;
        var tag = row.FraudScenario ?? "";
        _byScenario[tag] = _byScenario.GetValueOrDefault(tag) + 1;
    }

    public long FraudsOf(string scenario) => _byScenario.GetValueOrDefault(scenario);

    /// <summary>Fraud counts per tag: the known tags in their documented order, then any others by name.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> FraudsByScenario()
    {
        var result = new List<KeyValuePair<string, long>>(_byScenario.Count);
        foreach (var known in (IEnumerable<string>)[.. FraudScenarios.DefaultTags, .. FraudScenarios.HandbookTags])
        {
            if (_byScenario.TryGetValue(known, out var count))
            {
                result.Add(KeyValuePair.Create(known, count));
            }
        }

        var others = new List<string>();
        foreach (var tag in _byScenario.Keys)
        {
            if (!FraudScenarios.DefaultTags.Contains(tag) && !FraudScenarios.HandbookTags.Contains(tag))
            {
                others.Add(tag);
            }
        }

        others.Sort(StringComparer.Ordinal);
        foreach (var tag in others)
        {
            result.Add(KeyValuePair.Create(tag, _byScenario[tag]));
        }

        return result;
    }
}
