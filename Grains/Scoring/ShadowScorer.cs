namespace FraudActors.Grains.Scoring;

/// <summary>
/// Scores the queued copies with the challenger, off the hot path (one background loop), and records how it
/// compares with the champion's probability and decision. The loop drains the queue, then naps for
/// <see cref="IdleDelay"/>: polling costs the scorer a timer tick when idle and costs the scoring calls nothing.
/// </summary>
internal sealed class ShadowScorer(ShadowQueue queue, ShadowStatistics statistics, TimeProvider time)
{
    /// <summary>How long the loop waits when the queue is empty (at 10,000 copies of capacity, ≫ any scoring rate).</summary>
    public static readonly TimeSpan IdleDelay = TimeSpan.FromMilliseconds(1);

    /// <summary>Runs until <paramref name="cancellationToken"/> fires, or until the queue is completed and empty.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var scored = 0;
                while (queue.TryTake(out var item))
                {
                    Score(item);
                    scored++;
                }

                if (scored == 0)
                {
                    if (queue.IsCompleted)
                    {
                        return;
                    }

                    await Task.Delay(IdleDelay, time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    internal void Score(in ShadowItem item)
    {
        try
        {
            ReadOnlySpan<float> row = item.Row;
            var probability = item.Challenger.Evaluator.PredictProbability(row[..item.Width]);
            statistics.Record(item.Champion, item.Challenger, item.ChampionProbability, probability);
        }
        finally
        {
            queue.MarkScored();
        }
    }
}
