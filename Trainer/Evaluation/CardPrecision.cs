namespace FraudActors.Trainer.Evaluation;

/// <summary>
/// Card precision@k, the figure a fraud team with k investigations a day acts on: for each test day in
/// order, drop the cards already found compromised on an earlier test day (a card found once is blocked),
/// rank the remaining cards by their highest score that day, and count how many of the top k truly had a
/// fraud that day; divide by k and average over the days.
/// </summary>
internal static class CardPrecision
{
    public static CardPrecisionResult AtK(IReadOnlyList<ScoredTransaction> rows, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var byDay = new SortedDictionary<DateOnly, Dictionary<string, (float MaxScore, bool AnyFraud)>>();
        foreach (var row in rows)
        {
            if (!byDay.TryGetValue(row.Day, out var cards))
            {
                cards = new Dictionary<string, (float, bool)>(StringComparer.Ordinal);
                byDay.Add(row.Day, cards);
            }

            cards[row.CardId] = cards.TryGetValue(row.CardId, out var seen)
                ? (MaxOf(seen.MaxScore, row.Score), seen.AnyFraud || row.IsFraud)
                : (float.IsNaN(row.Score) ? float.NegativeInfinity : row.Score, row.IsFraud);
        }

        var blocked = new HashSet<string>(StringComparer.Ordinal);
        var perDay = new List<CardPrecisionDay>(byDay.Count);
        foreach (var (day, cards) in byDay)
        {
            var ranked = cards
                .Where(card => !blocked.Contains(card.Key))
                .OrderByDescending(card => card.Value.MaxScore)
                .ThenBy(card => card.Key, StringComparer.Ordinal)
                .ToList();
            var compromised = ranked.Count(card => card.Value.AnyFraud);
            var detected = ranked.Take(k).Where(card => card.Value.AnyFraud).Select(card => card.Key).ToList();
            perDay.Add(new CardPrecisionDay(day, (double)detected.Count / k, detected.Count, compromised));
            blocked.UnionWith(detected);
        }

        var mean = perDay.Count == 0 ? double.NaN : perDay.Average(day => day.Precision);
        return new CardPrecisionResult(k, mean, perDay);
    }

    private static float MaxOf(float current, float score) => float.IsNaN(score) ? current : Math.Max(current, score);
}
