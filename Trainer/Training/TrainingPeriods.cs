namespace FraudActors.Trainer.Training;

/// <summary>
/// The out-of-time layout. Candidates are fitted on [TrainFrom, ValidFrom), compared, early-stopped and
/// thresholded on [ValidFrom, TrainTo) — the last days of the training period, whose labels are known when
/// the model ships. The winner is refitted on the whole training period with the chosen number of rounds.
/// After a gap as long as the label delay (labels of those days are not known yet at release), the model is
/// tested once on [TestFrom, TestTo).
/// </summary>
internal sealed record TrainingPeriods(DateTimeOffset TrainFrom, DateTimeOffset ValidFrom, DateTimeOffset TrainTo, DateTimeOffset TestFrom, DateTimeOffset TestTo, int DelayDays)
{
    public static TrainingPeriods From(DateOnly trainStart, int trainDays, int validDays, int delayDays, int testDays)
    {
        if (trainDays < 2)
        {
            throw new ArgumentException($"--train-days must be at least 2, got {trainDays}.");
        }

        if (validDays < 1 || validDays >= trainDays)
        {
            throw new ArgumentException($"--valid-days must be between 1 and {trainDays - 1} (inside the training period), got {validDays}.");
        }

        if (delayDays < 0 || testDays < 1)
        {
            throw new ArgumentException("--delay-days must be ≥ 0 and --test-days ≥ 1.");
        }

        var start = new DateTimeOffset(trainStart.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var trainTo = start.AddDays(trainDays);
        var testFrom = trainTo.AddDays(delayDays);
        return new TrainingPeriods(start, trainTo.AddDays(-validDays), trainTo, testFrom, testFrom.AddDays(testDays), delayDays);
    }

    /// <summary>
    /// For data without calendar depth (the European set spans two days): by shares of the time range, in order —
    /// fit, validation, test — with no delay gap.
    /// </summary>
    public static TrainingPeriods ByShares(DateTimeOffset first, DateTimeOffset last, double fitShare = 0.6, double validShare = 0.15)
    {
        var span = last - first + TimeSpan.FromTicks(1);
        var validFrom = first + (span * fitShare);
        var trainTo = validFrom + (span * validShare);
        return new TrainingPeriods(first, validFrom, trainTo, trainTo, last.AddTicks(1), 0);
    }

    public override string ToString() =>
        $"fit {Day(TrainFrom)}..{Day(ValidFrom)} | valid {Day(ValidFrom)}..{Day(TrainTo)} | delay {DelayDays} d | test {Day(TestFrom)}..{Day(TestTo)} (end-exclusive)";

    private static string Day(DateTimeOffset time) =>
        time.ToString(time.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
