namespace FraudActors.Grains.Scoring;

/// <summary>
/// A bounded lock-free queue of <see cref="ShadowItem"/>s for many producers and one consumer (D. Vyukov's
/// bounded queue: each cell carries a sequence number that says whose turn it is). Enqueueing is one
/// compare-and-swap, allocates nothing and wakes nobody — the consumer polls — so the scoring hot path never
/// pays for a thread wake-up.
/// </summary>
internal sealed class ShadowRing
{
    private readonly Cell[] _cells;
    private readonly long _mask;
    private readonly int _capacity;
    private long _enqueuePosition;
    private long _dequeuePosition;

    public ShadowRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        var size = (int)Math.Max(2, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity));
        _cells = new Cell[size];
        _mask = size - 1;
        for (var i = 0; i < size; i++)
        {
            _cells[i].Sequence = i;
        }
    }

    /// <summary>Items waiting (approximate while producers race).</summary>
    public long Count => Math.Max(0, Volatile.Read(ref _enqueuePosition) - Volatile.Read(ref _dequeuePosition));

    /// <summary>Copies the row and models into the next cell unless the queue holds its capacity already.</summary>
    public bool TryEnqueue(LoadedModel champion, LoadedModel challenger, ReadOnlySpan<float> features, float championProbability)
    {
        if (features.Length > ShadowRow.MaxWidth)
        {
            return false;
        }

        var position = Volatile.Read(ref _enqueuePosition);
        while (true)
        {
            if (position - Volatile.Read(ref _dequeuePosition) >= _capacity)
            {
                return false;
            }

            ref var cell = ref _cells[position & _mask];
            var turn = Volatile.Read(ref cell.Sequence) - position;
            if (turn == 0)
            {
                if (Interlocked.CompareExchange(ref _enqueuePosition, position + 1, position) == position)
                {
                    ref var item = ref cell.Item;
                    item.Champion = champion;
                    item.Challenger = challenger;
                    item.Width = features.Length;
                    item.ChampionProbability = championProbability;
                    features.CopyTo(item.Row);
                    Volatile.Write(ref cell.Sequence, position + 1);
                    return true;
                }
            }
            else if (turn < 0)
            {
                return false;
            }

            position = Volatile.Read(ref _enqueuePosition);
        }
    }

    /// <summary>Takes the oldest item; only one thread may call this.</summary>
    public bool TryDequeue(out ShadowItem item)
    {
        var position = _dequeuePosition;
        ref var cell = ref _cells[position & _mask];
        if (Volatile.Read(ref cell.Sequence) - (position + 1) < 0)
        {
            item = default;
            return false;
        }

        item = cell.Item;

        // Drop the model references so an unloaded version can be collected; the row is overwritten on reuse.
        cell.Item.Champion = null!;
        cell.Item.Challenger = null!;
        Volatile.Write(ref _dequeuePosition, position + 1);
        Volatile.Write(ref cell.Sequence, position + _mask + 1);
        return true;
    }

    private struct Cell
    {
        public long Sequence;
        public ShadowItem Item;
    }
}
