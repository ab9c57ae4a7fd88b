using System.Text.Json;

namespace FraudActors.Gateway.Api;

/// <summary>A batch: each item is read on its own so one bad item fails alone.</summary>
internal sealed class ScoreBatchRequest
{
    public List<JsonElement>? Transactions { get; set; }
}
