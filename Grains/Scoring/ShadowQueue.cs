namespace FraudActors.Grains.Scoring;

/// <summary>
/// The hand-off from the scoring hot path to the shadow scorer: bounded, and never blocking — a copy that does not
/// fit is dropped and counted. <see cref="ShadowOptions.Share"/> thins the copies deterministically (every n-th).
/// Nothing is signalled or allocated per copy: the row is copied into a ring cell and the scorer polls the ring.
/// </summary>
internal sealed class ShadowQueue
{
    private readonly ShadowRing _ring;
    private volatile bool _completed;
    private readonly double _share;
    private long _seen;
    private long _enqueued;
    private long _dropped;
    private long _scored;

    public ShadowQueue(ShadowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _share = options.Share;
        Capacity = options.QueueCapacity;
        _ring = new ShadowRing(options.QueueCapacity);
    }

    public int Capacity { get; }

    /// <summary>Copies accepted for shadow scoring.</summary>
    public long Enqueued => Interlocked.Read(ref _enqueued);

    /// <summary>Copies dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Copies the shadow scorer finished (scored or discarded).</summary>
    public long Scored => Interlocked.Read(ref _scored);

    /// <summary>Copies waiting for the scorer.</summary>
    public long Waiting => _ring.Count;

    /// <summary>True once <see cref="Complete"/> was called: the scorer stops when the ring is empty.</summary>
    public bool IsCompleted => _completed;

    /// <summary>
    /// Offers a copy of <paramref name="features"/> for the challenger; returns true when queued. Never waits:
    /// the caller is on the scoring hot path.
    /// </summary>
    public bool Offer(LoadedModel champion, LoadedModel challenger, ReadOnlySpan<float> features, float championProbability)
    {
        if (_share < 1.0)
        {
            // Every n-th copy: floor(seen × share) steps up exactly share × seen times.
            var seen = Interlocked.Increment(ref _seen);
            if ((long)(seen * _share) == (long)((seen - 1) * _share))
            {
                return false;
            }
        }

        if (challenger.Evaluator.FeatureCount != features.Length || features.Length > ShadowRow.MaxWidth)
        {
            // A challenger of another width cannot score this row; the gate's schema check keeps this from happening.
            return false;
        }

        if (!_completed && _ring.TryEnqueue(champion, challenger, features, championProbability))
        {
            Interlocked.Increment(ref _enqueued);
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>No more copies: the scorer finishes what is queued and stops.</summary>
    public void Complete() => _completed = true;

    /// <summary>The oldest waiting copy; the scorer is the only caller.</summary>
    internal bool TryTake(out ShadowItem item) => _ring.TryDequeue(out item);

    internal void MarkScored() => Interlocked.Increment(ref _scored);
}
