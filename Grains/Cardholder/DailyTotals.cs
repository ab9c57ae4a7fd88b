using System.Runtime.CompilerServices;

namespace FraudActors.Grains.Cardholder;

/// <summary>
/// Ring of per-day totals, slot = day mod <see cref="Length"/>, held inline in the card object.
/// 32 slots = the 30-day window + the day after (a late transaction just before midnight while the newest is
/// just after) + one spare, which is why allowed lateness is capped at one day.
/// </summary>
[InlineArray(Length)]
internal struct DailyTotals
{
    public const int Length = 32;

    private DailyTotal _first;
}
