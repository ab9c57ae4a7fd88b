namespace FraudActors.Gateway.Api;

/// <summary>One reason of an audited decision: the feature, the analyst's sentence and its contribution to the margin.</summary>
internal sealed record CardReasonView(string Feature, string Text, float Contribution);
