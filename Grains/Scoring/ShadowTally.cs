using FraudActors.Grains.Abstractions.Registry;

namespace FraudActors.Grains.Scoring;

/// <summary>Running sums for one (model, champion version, challenger version); written by the shadow scorer only, under the statistics lock.</summary>
internal sealed class ShadowTally
{
    public long Count;
    public long Agreements;
    public long ChampionAlerts;
    public long ChallengerAlerts;
    public double SumChampion;
    public double SumChallenger;
    public double SumChampionSquared;
    public double SumChallengerSquared;
    public double SumProduct;

    public void Add(double champion, double challenger, bool agree, bool championAlert, bool challengerAlert)
    {
        Count++;
        Agreements += agree ? 1 : 0;
        ChampionAlerts += championAlert ? 1 : 0;
        ChallengerAlerts += challengerAlert ? 1 : 0;
        SumChampion += champion;
        SumChallenger += challenger;
        SumChampionSquared += champion * champion;
        SumChallengerSquared += challenger * challenger;
        SumProduct += champion * challenger;
    }

    public ShadowStats ToStats(ShadowPair pair) => new(
        pair.Model,
        pair.ChampionVersion,
        pair.ChallengerVersion,
        Count,
        Agreements,
        ChampionAlerts,
        ChallengerAlerts,
        SumChampion,
        SumChallenger,
        SumChampionSquared,
        SumChallengerSquared,
        SumProduct);
}
