using FraudActors.Grains.Abstractions.Audit;
using FraudActors.Grains.Abstractions.Decisions;
using FraudActors.Grains.Abstractions.Models;
using FraudActors.Silo.Audit;
using FraudActors.Silo.Audit.Postgres;
using FraudActors.Silo.Audit.Sqlite;
using FraudActors.Silo.Tests.Storage;
using Microsoft.Data.Sqlite;

namespace FraudActors.Gateway.Tests.Api;

/// <summary><see cref="IAuditReader.RecentForCardAsync"/> in both stores against a brute-force filter and sort of the rows written.</summary>
public sealed class AuditByCardTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fa-audit-card-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Sqlite_returns_a_cards_newest_decisions()
    {
        using var store = SqliteAuditStore.Open(Path.Combine(_directory, "audit.db"));
        await CheckAsync(store, store);
    }

    [PostgresFact]
    public async Task Postgres_returns_a_cards_newest_decisions()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var store = await PostgresAuditStore.OpenAsync(database.ConnectionString);
        await CheckAsync(store, store);
    }

    private static async Task CheckAsync(IAuditStore store, IAuditReader reader)
    {
        var random = new Random(17);
        var start = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var rows = new List<AuditedDecision>();
        for (var i = 0; i < 400; i++)
        {
            var card = $"card-{random.Next(12)}";
            var eventTime = start.AddSeconds((i * 7919 % 400) * 60); // distinct: 7919 is prime to 400
            rows.Add(new AuditedDecision(
                $"tx-{i}", card, eventTime, eventTime.AddMilliseconds(3), random.Next(8), i, [1f, float.NaN, 3f],
                (float)random.NextDouble(), (DecisionKind)random.Next(3), new DecisionThresholds(0.5f, 0.9f), "card-behaviour", 1 + random.Next(2),
                [new DecisionReason("amount", 12f, 0.25f, "amount is high")], 100 + i));
        }

        (await store.WriteAsync(rows, CancellationToken.None)).Should().Be(rows.Count);

        foreach (var (card, limit) in new[] { ("card-3", 5), ("card-7", 200), ("card-0", 0), ("card-11", 1), ("nobody", 10) })
        {
            var expected = rows.Where(r => r.CardId == card)
                .OrderByDescending(r => r.EventTime).ThenByDescending(r => r.DecisionTime)
                .Take(limit).Select(r => r.TransactionId).ToList();

            var actual = await reader.RecentForCardAsync(card, limit);

            actual.Select(r => r.TransactionId).Should().Equal(expected, $"card {card}, limit {limit}");
            foreach (var row in actual)
            {
                row.Should().BeEquivalentTo(rows.Single(r => r.TransactionId == row.TransactionId), options => options.Excluding(r => r.Features));
                row.Features.Should().HaveCount(3);
            }
        }
    }
}
