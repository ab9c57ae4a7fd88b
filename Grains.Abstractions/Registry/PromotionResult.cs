namespace FraudActors.Grains.Abstractions.Registry;

/// <summary>What a promotion did.</summary>
/// <param name="Gate">The gate's verdict, always computed (also when forced).</param>
/// <param name="Applied">True when the alias moved.</param>
/// <param name="Forced">True when the alias moved although a blocking check failed (recorded in the history).</param>
/// <param name="Change">The alias move, when applied.</param>
/// <param name="Served">True when this silo served the version before the promotion returned (false from the CLI, which has no silo).</param>
public sealed record PromotionResult(PromotionGateResult Gate, bool Applied, bool Forced, AliasChange? Change, bool Served);
