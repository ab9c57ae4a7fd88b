namespace FraudActors.Gateway.Api;

/// <summary>The batch results in request order.</summary>
internal sealed record ScoreBatchResponse(int Scored, int Rejected, IReadOnlyList<BatchItemResult> Results);
