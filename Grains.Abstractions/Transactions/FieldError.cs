namespace FraudActors.Grains.Abstractions.Transactions;

/// <summary>A validation failure that names the field at fault (camelCase, as in the JSON contract).</summary>
public sealed record FieldError(string Field, string Message);
