using System.Diagnostics;
using FraudActors.Gateway.Routing;
using FraudActors.Gateway.Security;
using FraudActors.Gateway.Telemetry;
using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Grains.Abstractions.Transactions;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
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

    public static async Task<Results<Ok<ScoreResponse>, ValidationProblem, ProblemHttpResult, ForwardedResponse>> ScoreAsync(
        HttpRequest request, RequestBody body, CardRouter router, LocalScoring scoring, TimeProvider time, CancellationToken cancellationToken)
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

        var context = request.HttpContext;
        var route = await router.ResolveAsync(transaction.CardId, cancellationToken).ConfigureAwait(false);
        if (!route.IsLocal)
        {
            if (request.Headers.ContainsKey(CardRouter.ForwardedHeader))
            {
                return RoutingProblems.NotOwner();
            }

            var forwarded = await router.ForwardAsync(request, bytes, transaction.CardId, route, cancellationToken).ConfigureAwait(false);
            return forwarded is null
                ? RoutingProblems.NoOwner(context)
                : await ForwardedResponse.ReadAsync(forwarded, cancellationToken).ConfigureAwait(false);
        }

        context.Response.Headers[CardRouter.SiloHeader] = router.LocalSiloId;

        // The transaction's span: the grain turn, the scoring and the audit enqueue are its children.
        using var span = EngineTracing.StartTransaction(transaction.TransactionId, transaction.CardId);
        TransactionOutcome? decided;
        try
        {
            decided = await scoring.ScoreAsync(transaction, started, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (TransactionLog.Failed(context.RequestServices, transaction, exception))
        {
            throw; // never reached: the filter logs with the transaction id and lets the exception go on
        }

        if (decided is null)
        {
            return RoutingProblems.Timeout(context);
        }

        var outcome = await FirstDecisions.RestoreAsync(decided, context.RequestServices, cancellationToken).ConfigureAwait(false);
        EngineTracing.Decided(span, outcome);
        return TypedResults.Ok(TransactionContract.ToResponse(outcome, time.GetElapsedTime(started)));
    }

    public static async Task<Results<Ok<ScoreBatchResponse>, ValidationProblem, ProblemHttpResult>> ScoreBatchAsync(
        HttpRequest request, RequestBody body, IGrainFactory grains, CardRouter router, LocalScoring scoring, TimeProvider time, IOptions<ApiOptions> options, CancellationToken cancellationToken)
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

        if (scoring.IsStreamed || await AnyRemoteAsync(router, transactions, cancellationToken).ConfigureAwait(false))
        {
            // A cluster: each item goes to its card's owner (or through this silo's stream); results keep their order.
            var routed = new Task<BatchItemResult>[transactions.Length];
            for (var i = 0; i < transactions.Length; i++)
            {
                routed[i] = transactions[i] is { } transaction
                    ? ScoreRoutedItemAsync(request, i, transaction, items[i], router, scoring, time, started, cancellationToken)
                    : Task.FromResult(results[i]);
            }

            return TypedResults.Ok(new ScoreBatchResponse(items.Count - rejected, rejected, await Task.WhenAll(routed).ConfigureAwait(false)));
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

    private static async Task<bool> AnyRemoteAsync(CardRouter router, CardTransaction?[] transactions, CancellationToken cancellationToken)
    {
        foreach (var transaction in transactions)
        {
            if (transaction is not null && !(await router.ResolveAsync(transaction.CardId, cancellationToken).ConfigureAwait(false)).IsLocal)
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<BatchItemResult> ScoreRoutedItemAsync(
        HttpRequest request, int index, CardTransaction transaction, JsonElement item, CardRouter router, LocalScoring scoring, TimeProvider time, long started, CancellationToken cancellationToken)
    {
        var route = await router.ResolveAsync(transaction.CardId, cancellationToken).ConfigureAwait(false);
        if (route.IsLocal)
        {
            var decided = await scoring.ScoreAsync(transaction, started, cancellationToken).ConfigureAwait(false);
            if (decided is null)
            {
                return ItemProblem(index, StatusCodes.Status503ServiceUnavailable, "The decision did not arrive in time; retry with the same transaction id.");
            }

            var outcome = await FirstDecisions.RestoreAsync(decided, request.HttpContext.RequestServices, cancellationToken).ConfigureAwait(false);
            return new BatchItemResult(index, StatusCodes.Status200OK, TransactionContract.ToResponse(outcome, time.GetElapsedTime(started)), null);
        }

        if (request.Headers.ContainsKey(CardRouter.ForwardedHeader))
        {
            return ItemProblem(index, StatusCodes.Status421MisdirectedRequest, "This silo does not own the card.");
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(item);
        using var forwarded = await router.ForwardAsync(request, bytes, transaction.CardId, route, cancellationToken, "/v1/transactions/score").ConfigureAwait(false);
        if (forwarded is null)
        {
            return ItemProblem(index, StatusCodes.Status503ServiceUnavailable, "No silo owns this card right now; retry shortly.");
        }

        if (!forwarded.IsSuccessStatusCode)
        {
            return ItemProblem(index, (int)forwarded.StatusCode, $"The owning silo answered {(int)forwarded.StatusCode}.");
        }

        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var result = await forwarded.Content.ReadFromJsonAsync<ScoreResponse>(options, cancellationToken).ConfigureAwait(false);
        return new BatchItemResult(index, StatusCodes.Status200OK, result, null);
    }

    private static BatchItemResult ItemProblem(int index, int status, string detail) =>
        new(index, status, null, new HttpValidationProblemDetails { Title = detail, Status = status });

    internal static ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request is not valid.");
}
