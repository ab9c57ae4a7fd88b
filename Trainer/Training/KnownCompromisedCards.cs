namespace FraudActors.Trainer.Training;

/// <summary>
/// The evaluation protocol's rule for cards already known to be compromised: on a day D, a card whose fraud
/// happened before D − delay (from the start of training on) has been found and blocked in practice, so
/// scoring it again is not skill. Such rows are left out of validation and test.
/// </summary>
internal static class KnownCompromisedCards
{
    public static int[] Exclude(FeatureTable table, int[] rows, DateTimeOffset trainFrom, int delayDays)
    {
        // First fraud time per card, from the start of training on.
        var firstFraud = new Dictionary<int, long>();
        for (var row = 0; row < table.Rows; row++)
        {
            if (table.LabelOf(row) && table.TimeOf(row) >= trainFrom)
            {
                var card = table.CardOf(row);
                var ticks = table.TimeOf(row).UtcTicks;
                if (!firstFraud.TryGetValue(card, out var first) || ticks < first)
                {
                    firstFraud[card] = ticks;
                }
            }
        }

        var kept = new List<int>(rows.Length);
        foreach (var row in rows)
        {
            var day = DayStart(table.TimeOf(row).UtcTicks);
            var knownBefore = day - (delayDays * TimeSpan.TicksPerDay);
            if (!firstFraud.TryGetValue(table.CardOf(row), out var fraudTicks) || DayStart(fraudTicks) >= knownBefore)
            {
                kept.Add(row);
            }
        }

        return [.. kept];
    }

    private static long DayStart(long ticks) => ticks - (ticks % TimeSpan.TicksPerDay);
}
