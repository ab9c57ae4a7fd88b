namespace FraudActors.Gateway.Dashboard;

/// <summary>
/// A champion/challenger pair scored side by side in shadow (registry figures plus this silo's unflushed share):
/// how often they reached the same decision and how their probabilities correlate (null while undefined).
/// </summary>
internal sealed record ShadowRow(
    string Model,
    int ChampionVersion,
    int ChallengerVersion,
    long Count,
    double? Agreement,
    double? Correlation,
    double? ChampionAlertRate,
    double? ChallengerAlertRate);
