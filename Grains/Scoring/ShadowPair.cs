namespace FraudActors.Grains.Scoring;

/// <summary>What shadow figures are kept per: a model, the champion that decided and the challenger that shadowed it.</summary>
internal readonly record struct ShadowPair(string Model, int ChampionVersion, int ChallengerVersion);
