using System.Collections.Concurrent;

namespace FraudActors.Gateway.Demo;

/// <summary>
/// The simulator's ground truth for transactions in flight, so the demo can show live precision and recall.
/// Bounded: an entry is removed when its decision arrives, and at most <see cref="Capacity"/> are kept.
/// </summary>
internal sealed class DemoLabels
{
    public const int Capacity = 1_000_000;
    private readonly ConcurrentDictionary<string, bool> _labels = new(StringComparer.Ordinal);

    public void Add(string transactionId, bool isFraud)
    {
        if (_labels.Count < Capacity)
        {
            _labels[transactionId] = isFraud;
        }
    }

    public bool? Take(string transactionId) => _labels.TryRemove(transactionId, out var isFraud) ? isFraud : null;
}
