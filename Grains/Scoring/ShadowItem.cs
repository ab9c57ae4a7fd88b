namespace FraudActors.Grains.Scoring;

/// <summary>
/// One transaction waiting for the challenger: the models that were serving when it was scored, a copy of its
/// feature row (first <see cref="Width"/> values of <see cref="Row"/>), and the champion's probability.
/// </summary>
internal struct ShadowItem
{
    public LoadedModel Champion;
    public LoadedModel Challenger;
    public int Width;
    public float ChampionProbability;
    public ShadowRow Row;
}
