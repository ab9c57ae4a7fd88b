using System.Diagnostics;
using System.Globalization;
using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Grains.Abstractions.Transactions;
using FraudActors.Silo.Hosting;
using FraudActors.Silo.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace FraudActors.Benchmarks.Memory;

/// <summary>
/// A bench command (not BenchmarkDotNet: it measures a heap, not a time): activates N cardholder grains through
/// the real runtime, feeds each a month of history (one transaction a day, so the daily windows are full and the
/// 24 h window holds its usual few entries), and reports the managed heap per active grain — runtime activation,
/// grain, state and windows included. Merchant grains (one per 50 cards) are included too.
/// <c>dotnet run -c Release --project tests/Benchmarks -- memory [cards] [transactionsPerCard]</c>
/// </summary>
internal static class ActiveGrainMemory
{
    public static async Task RunAsync(int cards, int transactionsPerCard)
    {
        var services = new ServiceCollection();
        services.AddGrainRuntime(options =>
        {
            options.IdleAge = TimeSpan.FromHours(1);
            options.MaxActivations = cards * 2;
        }).AddFraudGrains();
        await using var provider = services.BuildServiceProvider();
        var grains = provider.GetRequiredService<IGrainFactory>();
        var runtime = provider.GetRequiredService<GrainRuntime>();
        var before = Heap();
        var stopwatch = Stopwatch.StartNew();
        var start = new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);
        var categories = MerchantCategories.Names;
        for (var day = 0; day < transactionsPerCard; day++)
        {
            for (var card = 0; card < cards; card++)
            {
                var cardId = string.Create(CultureInfo.InvariantCulture, $"card-{card}");
                var transaction = new CardTransaction(
                    string.Create(CultureInfo.InvariantCulture, $"tx-{card}-{day}"),
                    cardId,
                    start.AddDays(day).AddMinutes(card % 600),
                    12.5m + (card % 90),
                    "EUR",
                    string.Create(CultureInfo.InvariantCulture, $"m-{card % (cards / 50 + 1)}"),
                    categories[(card + day) % 6],
                    (card + day) % 4 == 0 ? Channel.Online : Channel.CardPresent,
                    City: (card % 3) == 0 ? null : "Lyon",
                    Latitude: 45.76 + ((card % 7) * 0.01),
                    Longitude: 4.84,
                    DeviceId: (card % 4) == 0 ? "phone-1" : null);
                await grains.GetGrain<ICardholderGrain>(cardId).ProcessAsync(transaction);
            }
        }

        var elapsed = stopwatch.Elapsed;
        var after = Heap();
        var live = runtime.GetStatistics().LiveActivations;
        var bytes = after - before;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"active grains {live:N0} ({cards:N0} cardholders), {transactionsPerCard} transactions each: managed heap {bytes / (1024.0 * 1024 * 1024):F2} GiB, {bytes / (double)cards:N0} B per cardholder (merchants included); working set {Environment.WorkingSet / (1024.0 * 1024 * 1024):F2} GiB; {cards * (long)transactionsPerCard / elapsed.TotalSeconds:N0} grain calls/s while loading"));
        GC.KeepAlive(grains);
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
