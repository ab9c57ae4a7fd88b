using System.Runtime.InteropServices;

namespace FraudActors.Trainer.Simulation;

/// <summary>
/// A transaction before it is sorted and given an id: plain numbers only, so a day's worth can be generated
/// and sorted without allocating. <see cref="Order"/> breaks timestamp ties so the sort is deterministic.
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal struct DraftTransaction
{
    public long Ticks;
    public int Order;
    public int Card;
    public int Merchant;
    public long AmountCents;

    /// <summary>Index into the scenario's place table (a city), or -1 for none (online).</summary>
    public int Place;

    /// <summary>NaN when the transaction has no location.</summary>
    public double Latitude;
    public double Longitude;

    /// <summary>0 = no device; otherwise a scenario-specific device key.</summary>
    public long Device;
    public byte Category;
    public bool Online;

    /// <summary>0 = genuine; otherwise the scenario's fraud tag number (1-based).</summary>
    public byte Fraud;
}
