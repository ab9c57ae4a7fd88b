namespace FraudActors.Grains.Cardholder;

/// <summary>Count and amount sum of a card's applied transactions on one UTC day.</summary>
internal struct DailyTotal
{
    public int Count;
    public float AmountSum;
}
