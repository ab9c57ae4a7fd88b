namespace FraudActors.Trainer.Simulation;

/// <summary>Orders drafts by event time, then by creation order (a total order, so sorting is deterministic).</summary>
internal readonly struct DraftTimeOrder : IComparer<DraftTransaction>
{
    public int Compare(DraftTransaction x, DraftTransaction y)
    {
        var byTime = x.Ticks.CompareTo(y.Ticks);
        return byTime != 0 ? byTime : x.Order.CompareTo(y.Order);
    }
}
