using System.Diagnostics;
using FraudActors.Gateway.Security;
using FraudActors.Gateway.Telemetry;
using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Grains.Abstractions.Transactions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace FraudActors.Gateway.Api;

/// <summary>POST /v1/transactions/score and /score-batch: validate, hand each transaction to its card's grain, return the decision.</summary>
internal static class TransactionEndpoints
{
    public static RouteGroupBuilder MapTransactionEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/transactions").WithTags("Transactions").RequireAuthorization(ApiScopes.Score);
        group.MapPost("/score", ScoreAsync)
            .Accepts<ScoreTransactionRequest>("application/json")
            .WithSummary("Score one transaction (idempotent per transaction id)");
        group.MapPost("/score-batch", ScoreBatchAsync)
            .Accepts<ScoreBatchRequest>("application/json")
            .WithSummary("Score up to Api:MaxBatchSize transactions; results in order, bad items reported by index");
        return group;
    }

    public static async Task<Results<Ok<ScoreResponse>, ValidationProblem, ProblemHttpResult>> ScoreAsync(
        HttpRequest request, RequestBody body, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var (bytes, tooLarge) = await body.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var parsed = body.Deserialize<ScoreTransactionRequest>(bytes, errors);
        var transaction = parsed is null ? null : TransactionContract.Create(parsed, errors);
        if (transaction is null)
        {
            return Invalid(errors);
        }

        // The transaction's span: the grain turn, the scoring and the audit enqueue are its children.
        using var span = EngineTracing.StartTransaction(transaction.TransactionId, transaction.CardId);
        TransactionOutcome outcome;
        try
        {
            outcome = await grains.GetGrain<ICardholderGrain>(transaction.CardId).ProcessAsync(transaction).ConfigureAwait(false);
        }
        catch (Exception exception) when (TransactionLog.Failed(request.HttpContext.RequestServices, transaction, exception))
        {
            throw; // never reached: the filter logs with the transaction id and lets the exception go on
        }

        HttpDecisions.Publish(request.HttpContext.RequestServices, transaction, outcome, started);
        outcome = await FirstDecisions.RestoreAsync(outcome, request.HttpContext.RequestServices, cancellationToken).ConfigureAwait(false);
        EngineTracing.Decided(span, outcome);
        return TypedResults.Ok(TransactionContract.ToResponse(outcome, time.GetElapsedTime(started)));
    }

    public static async Task<Results<Ok<ScoreBatchResponse>, ValidationProblem, ProblemHttpResult>> ScoreBatchAsync(
        HttpRequest request, RequestBody body, IGrainFactory grains, TimeProvider time, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var (bytes, tooLarge) = await body.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var batch = body.Deserialize<ScoreBatchRequest>(bytes, errors);
        if (batch is null)
        {
            return Invalid(errors);
        }

        var items = batch.Transactions;
        if (items is null || items.Count == 0)
        {
            errors["transactions"] = ["is required: an array of 1 or more transactions."];
            return Invalid(errors);
        }

        var max = options.Value.MaxBatchSize;
        if (items.Count > max)
        {
            errors["transactions"] = [$"must hold at most {max} transactions (Api:MaxBatchSize)."];
            return Invalid(errors);
        }

        var transactions = new CardTransaction?[items.Count];
        var results = new BatchItemResult[items.Count];
        var calls = new ValueTask<TransactionOutcome>[items.Count];
        var rejected = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var itemErrors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var parsed = body.Deserialize<ScoreTransactionRequest>(items[i], itemErrors);
            transactions[i] = parsed is null ? null : TransactionContract.Create(parsed, itemErrors);
            if (transactions[i] is null)
            {
                rejected++;
                results[i] = new BatchItemResult(i, StatusCodes.Status400BadRequest, null, new HttpValidationProblemDetails(itemErrors)
                {
                    Title = "The transaction is not valid.",
                    Status = StatusCodes.Status400BadRequest,
                });
            }
        }

        // One span per transaction (so each has its own chain), only when someone listens.
        var spans = EngineTracing.Source.HasListeners() ? new Activity?[transactions.Length] : null;
        var outer = spans is null ? null : Activity.Current;

        // Start every card's call before awaiting any: different cards run in parallel, one card stays in order.
        for (var i = 0; i < transactions.Length; i++)
        {
            if (transactions[i] is { } transaction)
            {
                if (spans is not null)
                {
                    spans[i] = EngineTracing.StartTransaction(transaction.TransactionId, transaction.CardId);
                }

                calls[i] = grains.GetGrain<ICardholderGrain>(transaction.CardId).ProcessAsync(transaction);
                if (spans is not null)
                {
                    Activity.Current = outer;
                }
            }
        }

        for (var i = 0; i < transactions.Length; i++)
        {
            if (transactions[i] is not null)
            {
                var span = spans?[i];
                if (span is not null)
                {
                    Activity.Current = span;
                }

                TransactionOutcome decided;
                try
                {
                    decided = await calls[i].ConfigureAwait(false);
                }
                catch (Exception exception) when (TransactionLog.Failed(request.HttpContext.RequestServices, transactions[i]!, exception))
                {
                    throw; // never reached: the filter logs with the transaction id and lets the exception go on
                }

                HttpDecisions.Publish(request.HttpContext.RequestServices, transactions[i]!, decided, started);
                var outcome = await FirstDecisions.RestoreAsync(decided, request.HttpContext.RequestServices, cancellationToken).ConfigureAwait(false);
                if (span is not null)
                {
                    EngineTracing.Decided(span, outcome);
                    span.Dispose();
                    Activity.Current = outer;
                }

                results[i] = new BatchItemResult(i, StatusCodes.Status200OK, TransactionContract.ToResponse(outcome, time.GetElapsedTime(started)), null);
            }
        }

        return TypedResults.Ok(new ScoreBatchResponse(items.Count - rejected, rejected, results));
    }

    internal static ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request is not valid.");
}
