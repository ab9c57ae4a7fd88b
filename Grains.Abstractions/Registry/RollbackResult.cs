namespace FraudActors.Grains.Abstractions.Registry;

/// <summary>What a rollback did.</summary>
/// <param name="Model">The model name.</param>
/// <param name="From">The champion before the rollback (null: there was none).</param>
/// <param name="To">The champion after it (the previous champion), when there was one to return to.</param>
/// <param name="Applied">True when the champion moved.</param>
/// <param name="Change">The alias move, when applied.</param>
/// <param name="Served">True when this silo served <paramref name="To"/> before the rollback returned.</param>
/// <param name="Message">One line for a person.</param>
public sealed record RollbackResult(string Model, int? From, int? To, bool Applied, AliasChange? Change, bool Served, string Message);
