namespace FraudActors.Gateway.Api;

/// <summary>One feature's push toward fraud, with a sentence for an analyst.</summary>
internal sealed record ReasonView(string Feature, float? Value, float Contribution, string Text);
