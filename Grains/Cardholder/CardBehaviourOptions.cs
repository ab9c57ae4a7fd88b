namespace FraudActors.Grains.Cardholder;

/// <summary>Tuning of <see cref="CardBehaviour"/>; one instance is shared by all cards of a silo or a replay.</summary>
internal sealed class CardBehaviourOptions
{
    public const int MinRetainedTransactions = 16;
    public const int MaxRetainedTransactionsLimit = 4096;

    public static CardBehaviourOptions Default { get; } = new();

    /// <summary>
    /// How far behind the newest event time a transaction may arrive and still be counted exactly.
    /// Default 5 minutes; 0 to 1 day (the daily ring has one spare day).
    /// </summary>
    public TimeSpan AllowedLateness { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Cap on transactions kept for the 24 h windows (default 1024, 16 to 4096). A card above it loses its
    /// oldest entries early, so its 24 h counts undercount; that card is already extreme.
    /// </summary>
    public int MaxRetainedTransactions { get; init; } = 1024;

    /// <summary>Throws with a message naming the setting at fault.</summary>
    public CardBehaviourOptions Validate()
    {
        if (AllowedLateness < TimeSpan.Zero || AllowedLateness > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(AllowedLateness), AllowedLateness, "AllowedLateness must be between 0 and 1 day.");
        }

        if (MaxRetainedTransactions is < MinRetainedTransactions or > MaxRetainedTransactionsLimit)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxRetainedTransactions),
                MaxRetainedTransactions,
                $"MaxRetainedTransactions must be between {MinRetainedTransactions} and {MaxRetainedTransactionsLimit}.");
        }

        return this;
    }
}
