using FraudActors.Grains.Abstractions.Merchant;
using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Grains.Merchant;
using FraudActors.Silo.Streaming;
using FraudActors.Trainer.Simulation;
using Microsoft.Extensions.Options;

namespace FraudActors.Gateway.Demo;

/// <summary>
/// Streams the default scenario into the embedded silo: first <see cref="DemoOptions.WarmUpDays"/> of history as
/// fast as the silo takes it (so cards have warm windows), then at a steady rate, endlessly. Simulated event time
/// runs faster than the wall clock (the rate decides how much); windows are event-time, so features stay exact.
/// Confirmed frauds are fed back to their merchants once the label delay has passed in event time, as
/// chargebacks would be.
/// </summary>
internal sealed partial class SimulatedTrafficService(
    ITransactionAppender stream,
    IGrainFactory grains,
    DemoLabels labels,
    IOptions<DemoOptions> options,
    TimeProvider time,
    ILogger<SimulatedTrafficService> logger) : BackgroundService
{
    private const int Batch = 100;
    private readonly TimeSpan _labelDelay = TimeSpan.FromDays(MerchantState.DefaultLabelDelayDays);
    private long _produced;

    public long Produced => Volatile.Read(ref _produced);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        // A restart resumes the simulated timeline after the last day the saved grain state has seen (those cards are
        // warm already); a first run starts WarmUpDays before today and streams that history unpaced.
        var resumeAfter = DemoClock.Read(settings.ClockFile);
        var simulation = new SimulationOptions
        {
            Seed = settings.Seed,
            Cards = settings.Cards,
            Merchants = settings.Merchants,
            Days = 0,
            StartDate = resumeAfter?.AddDays(1) ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-settings.WarmUpDays),
            TransactionIdPrefix = $"demo-{time.GetUtcNow().ToUnixTimeSeconds()}-",
        };
        var pending = new PriorityQueue<TransactionLabel, long>();
        var liveFrom = new DateTimeOffset(simulation.StartDate.AddDays(settings.WarmUpDays).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var warm = settings.WarmUpDays == 0 || resumeAfter is not null;
        var clockDay = simulation.StartDate.AddDays(-1);
        long started = 0;
        long pacedFrom = 0;
        LogStarted(logger, settings.TransactionsPerSecond, settings.Cards, settings.WarmUpDays);
        try
        {
            // The generator is synchronous and CPU-bound: keep it off the thread that started the host.
            await Task.Yield();
            foreach (var row in TransactionSimulator.Generate(simulation))
            {
                // Appends usually complete synchronously (unpaced and warm-up phases), so look at the token here.
                stoppingToken.ThrowIfCancellationRequested();
                var transaction = row.Transaction;
                var day = DateOnly.FromDateTime(transaction.Timestamp.UtcDateTime);
                if (day > clockDay)
                {
                    // Once per simulated day: the last day whose transactions the grains may have seen.
                    clockDay = day;
                    DemoClock.Write(settings.ClockFile, day);
                }

                var produced = Interlocked.Increment(ref _produced);
                if (!warm && transaction.Timestamp >= liveFrom)
                {
                    warm = true;
                    LogWarm(logger, produced - 1);
                }

                if (warm && started == 0)
                {
                    started = time.GetTimestamp();
                    pacedFrom = produced - 1;
                }

                await FeedDueLabelsAsync(pending, transaction.Timestamp.UtcTicks).ConfigureAwait(false);
                if (warm)
                {
                    labels.Add(transaction.TransactionId, row.IsFraud);
                }

                await stream.AppendAsync(transaction, stoppingToken).ConfigureAwait(false);
                if (row.IsFraud)
                {
                    var knownAt = transaction.Timestamp + _labelDelay;
                    pending.Enqueue(new TransactionLabel(transaction.TransactionId, transaction.MerchantId, transaction.Timestamp, true, knownAt), knownAt.UtcTicks);
                }

                if (warm && settings.TransactionsPerSecond > 0 && produced % Batch == 0)
                {
                    await PaceAsync(started, produced - pacedFrom, settings.TransactionsPerSecond, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async ValueTask FeedDueLabelsAsync(PriorityQueue<TransactionLabel, long> pending, long nowTicks)
    {
        while (pending.TryPeek(out var label, out var knownAt) && knownAt <= nowTicks)
        {
            pending.Dequeue();
            await grains.GetGrain<IMerchantGrain>(label.MerchantId).RecordLabelAsync(label).ConfigureAwait(false);
        }
    }

    private async Task PaceAsync(long started, long produced, int perSecond, CancellationToken cancellationToken)
    {
        var due = TimeSpan.FromSeconds((double)produced / perSecond);
        var ahead = due - time.GetElapsedTime(started);
        if (ahead > TimeSpan.FromMilliseconds(1))
        {
            await Task.Delay(ahead, time, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulated traffic: {Rate} transactions/s over {Cards} cards (0 = unpaced), after {WarmUpDays} days of history streamed unpaced")]
    private static partial void LogStarted(ILogger logger, int rate, int cards, int warmUpDays);

    [LoggerMessage(Level = LogLevel.Information, Message = "Warm-up done: {Count} historical transactions streamed; live traffic starts now")]
    private static partial void LogWarm(ILogger logger, long count);
}
