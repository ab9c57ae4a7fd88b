namespace FraudActors.Grains.Abstractions.Registry;

/// <summary>
/// How a challenger compared with the champion on the same transactions, scored in shadow. Kept as sums so
/// figures from several silos and flushes add up exactly; the rates and the correlation are derived.
/// </summary>
/// <param name="Model">The model name.</param>
/// <param name="ChampionVersion">The version that decided.</param>
/// <param name="ChallengerVersion">The version scored in shadow.</param>
/// <param name="Count">Transactions scored by both.</param>
/// <param name="Agreements">Transactions where both reached the same decision (approve, review, decline).</param>
/// <param name="ChampionAlerts">Transactions the champion sent to review or declined.</param>
/// <param name="ChallengerAlerts">Transactions the challenger would have sent to review or declined.</param>
/// <param name="SumChampion">Σ champion probability.</param>
/// <param name="SumChallenger">Σ challenger probability.</param>
/// <param name="SumChampionSquared">Σ champion probability².</param>
/// <param name="SumChallengerSquared">Σ challenger probability².</param>
/// <param name="SumProduct">Σ champion × challenger probability.</param>
public sealed record ShadowStats(
    string Model,
    int ChampionVersion,
    int ChallengerVersion,
    long Count,
    long Agreements,
    long ChampionAlerts,
    long ChallengerAlerts,
    double SumChampion,
    double SumChallenger,
    double SumChampionSquared,
    double SumChallengerSquared,
    double SumProduct)
{
    /// <summary>Share of transactions with the same decision; NaN before the first.</summary>
    public double AgreementRate => Count == 0 ? double.NaN : (double)Agreements / Count;

    /// <summary>Pearson correlation of the two probabilities; NaN while either is constant or nothing was scored.</summary>
    public double Correlation
    {
        get
        {
            var n = (double)Count;
            var covariance = (n * SumProduct) - (SumChampion * SumChallenger);
            var varianceChampion = (n * SumChampionSquared) - (SumChampion * SumChampion);
            var varianceChallenger = (n * SumChallengerSquared) - (SumChallenger * SumChallenger);
            if (Count < 2 || varianceChampion <= 0 || varianceChallenger <= 0)
            {
                return double.NaN;
            }

            return Math.Clamp(covariance / Math.Sqrt(varianceChampion * varianceChallenger), -1, 1);
        }
    }

    /// <summary>The sum of two tallies of the same pair (from two flushes or two silos).</summary>
    public ShadowStats Add(ShadowStats other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return this with
        {
            Count = Count + other.Count,
            Agreements = Agreements + other.Agreements,
            ChampionAlerts = ChampionAlerts + other.ChampionAlerts,
            ChallengerAlerts = ChallengerAlerts + other.ChallengerAlerts,
            SumChampion = SumChampion + other.SumChampion,
            SumChallenger = SumChallenger + other.SumChallenger,
            SumChampionSquared = SumChampionSquared + other.SumChampionSquared,
            SumChallengerSquared = SumChallengerSquared + other.SumChallengerSquared,
            SumProduct = SumProduct + other.SumProduct,
        };
    }
}
