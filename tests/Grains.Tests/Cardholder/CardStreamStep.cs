using FraudActors.Grains.Abstractions.Transactions;

namespace FraudActors.Grains.Tests.Cardholder;

/// <summary>One arrival at a card: a transaction, or (when <see cref="Transaction"/> is null) an eviction tick at <see cref="EvictAt"/>.</summary>
internal sealed record CardStreamStep(CardTransaction? Transaction, DateTimeOffset EvictAt)
{
    public static CardStreamStep Arrive(CardTransaction transaction) => new(transaction, default);

    public static CardStreamStep Evict(DateTimeOffset now) => new(null, now);
}
