namespace FraudActors.Gateway.Dashboard;

/// <summary>A declined or reviewed transaction as the Alerts panel lists it, with its top reasons (largest contributions first).</summary>
internal sealed record AlertRow(
    string TransactionId,
    string CardId,
    DateTimeOffset EventTime,
    decimal Amount,
    string Currency,
    string MerchantCategory,
    string Decision,
    double Probability,
    string Model,
    int ModelVersion,
    IReadOnlyList<string> Reasons);
