using System.Runtime.InteropServices;

namespace FraudActors.Grains.Cardholder;

/// <summary>
/// One applied transaction inside the retention horizon: 32 bytes, no references. Its id hash lives in a parallel
/// ring so the duplicate check is one vectorised search.
/// </summary>
/// <param name="RunningTotal">
/// Sum of the amounts of the retained transactions up to and including this one (plus whatever base the ring
/// started from), so any window's sum is a difference of two running totals instead of a scan.
/// </param>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct RetainedTransaction(
    long UtcTicks,
    double RunningTotal,
    float Amount,
    uint LocationKey,
    float Latitude,
    float Longitude)
{
    public bool HasLocation => !float.IsNaN(Latitude);
}
