using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Grains.Abstractions.Merchant;
using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Grains.Features;
using FraudActors.Silo.Hosting;
using FraudActors.Silo.Runtime;
using FraudActors.Trainer.Simulation;
using FraudActors.Trainer.Training;
using Microsoft.Extensions.DependencyInjection;

namespace FraudActors.Trainer.Tests.Training;

/// <summary>No training/serving skew: the trainer's replay and the running grains give the same model input.</summary>
public sealed class TrainingServingParityTests
{
    [Fact]
    public async Task Replayed_features_equal_the_features_the_running_grains_return()
    {
        var history = TransactionSimulator.Generate(new SimulationOptions { Seed = 5, Cards = 300, Merchants = 80, Days = 20 }).ToList();
        history.Should().Contain(row => row.IsFraud, "the stream must exercise the merchant label path");
        const int delayDays = 7;
        var table = FeatureReplay.Build(history, delayDays);

        var services = new ServiceCollection();
        services.AddGrainRuntime(options => options.IdleAge = TimeSpan.FromDays(1)).AddFraudGrains();
        await using var provider = services.BuildServiceProvider();
        var grains = provider.GetRequiredService<IGrainFactory>();
        var pending = new PriorityQueue<TransactionLabel, long>();
        var served = new float[ModelInput.Width];
        for (var row = 0; row < history.Count; row++)
        {
            var transaction = history[row].Transaction;
            while (pending.TryPeek(out var label, out var knownAt) && knownAt <= transaction.Timestamp.UtcTicks)
            {
                pending.Dequeue();
                await grains.GetGrain<IMerchantGrain>(label.MerchantId).RecordLabelAsync(label);
            }

            var outcome = await grains.GetGrain<ICardholderGrain>(transaction.CardId).ProcessAsync(transaction);
            outcome.Outcome.Should().Be(FeatureOutcome.Applied);
            ModelInput.Write(outcome.Card, outcome.Merchant, served);
            served.Should().Equal(table.Row(row).ToArray(), (a, b) => a.Equals(b), $"row {row} ({transaction.TransactionId})");

            if (history[row].IsFraud)
            {
                var knownAt = transaction.Timestamp.AddDays(delayDays);
                pending.Enqueue(new TransactionLabel(transaction.TransactionId, transaction.MerchantId, transaction.Timestamp, true, knownAt), knownAt.UtcTicks);
            }
        }

        await provider.GetRequiredService<GrainRuntime>().StopAsync();
    }
}
