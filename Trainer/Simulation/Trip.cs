namespace FraudActors.Trainer.Simulation;

/// <summary>A cardholder's planned trip, in absolute UTC ticks; the card is in transit between departure and arrival.</summary>
internal readonly record struct Trip(int City, long Departure, long Arrival, long ReturnDeparture, long ReturnArrival)
{
    public const int InTransit = -2;

    public static Trip None => new(-1, 0, 0, 0, 0);

    public bool IsPlannedOrActive(long ticks) => City >= 0 && ticks < ReturnArrival;

    /// <summary>Where the cardholder is at <paramref name="ticks"/>: the home city, the trip city, or <see cref="InTransit"/>.</summary>
    public int PlaceAt(long ticks, int home)
    {
        if (City < 0 || ticks < Departure || ticks >= ReturnArrival)
        {
            return home;
        }

        return ticks < Arrival || ticks >= ReturnDeparture ? InTransit : City;
    }
}
