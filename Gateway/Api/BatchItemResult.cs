using Microsoft.AspNetCore.Http;

namespace FraudActors.Gateway.Api;

/// <summary>One batch item: its index, its status, and either its decision or its problem.</summary>
internal sealed record BatchItemResult(int Index, int Status, ScoreResponse? Result, HttpValidationProblemDetails? Problem);
