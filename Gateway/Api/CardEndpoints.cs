using System.Globalization;
using FraudActors.Gateway.Routing;
using FraudActors.Gateway.Security;
using FraudActors.Grains.Abstractions.Audit;
using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Grains.Abstractions.Transactions;
using FraudActors.Silo.Audit;
using FraudActors.Silo.Membership;
using FraudActors.Silo.Streaming;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FraudActors.Gateway.Api;

/// <summary>GET /v1/cards/{cardId}: the card view — live windows from the card's grain, its newest decisions from the audit log.</summary>
internal static class CardEndpoints
{
    public const int DefaultRecent = 20;
    public const int MaxRecent = 200;

    public static RouteGroupBuilder MapCardEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/cards").WithTags("Cards").RequireAuthorization(ApiScopes.Read);
        group.MapGet("/{cardId}", GetAsync)
            .WithSummary($"A card's live windows, newest transactions and newest audited decisions (?recent=N, default {DefaultRecent}, at most {MaxRecent})");
        return group;
    }

    public static async Task<Results<Ok<CardResponse>, ValidationProblem, ProblemHttpResult, ForwardedResponse>> GetAsync(
        HttpRequest request, string cardId, string? recent, IGrainFactory grains, ISiloDirectory directory, CardRouter router, IServiceProvider services, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var limit = DefaultRecent;
        if (recent is not null
            && (!int.TryParse(recent, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit > MaxRecent))
        {
            errors["recent"] = [$"must be a whole number from 0 to {MaxRecent}."];
        }

        if (string.IsNullOrWhiteSpace(cardId) || cardId.Length > TransactionValidator.MaxIdLength)
        {
            errors["cardId"] = [$"must be 1 to {TransactionValidator.MaxIdLength} characters."];
        }

        if (errors.Count > 0)
        {
            return TransactionEndpoints.Invalid(errors);
        }

        var route = await router.ResolveAsync(cardId, cancellationToken).ConfigureAwait(false);
        if (!route.IsLocal)
        {
            if (request.Headers.ContainsKey(CardRouter.ForwardedHeader))
            {
                return RoutingProblems.NotOwner();
            }

            var forwarded = await router.ForwardAsync(request, null, cardId, route, cancellationToken).ConfigureAwait(false);
            return forwarded is null
                ? RoutingProblems.NoOwner(request.HttpContext)
                : await ForwardedResponse.ReadAsync(forwarded, cancellationToken).ConfigureAwait(false);
        }

        request.HttpContext.Response.Headers[CardRouter.SiloHeader] = router.LocalSiloId;
        var summary = await grains.GetGrain<ICardholderGrain>(cardId).DescribeAsync(limit).ConfigureAwait(false);
        IReadOnlyList<AuditedDecision> decisions = services.GetService<IAuditReader>() is { } audit
            ? await audit.RecentForCardAsync(cardId, limit, cancellationToken).ConfigureAwait(false)
            : [];
        var windows = summary.Windows;
        if (windows.AppliedCount == 0 && windows.RetainedCount == 0 && summary.Latest is null && decisions.Count == 0)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "No such card",
                detail: "The card has no transactions in this cluster.");
        }

        var partitions = directory.PartitionCount;
        var owner = new CardOwnerView(directory.Local.SiloId, partitions > 0 ? Murmur2Partitioner.Partition(cardId, partitions) : null);
        return TypedResults.Ok(new CardResponse(summary.CardId, windows.AsOf, owner, Windows(windows), Recent(windows.Recent), Decisions(decisions)));
    }

    private static CardWindowsView Windows(CardWindowView w) => new(
        w.TxCount10m,
        w.AmountSum10m,
        w.TxCount1h,
        w.AmountSum1h,
        w.TxCount24h,
        w.AmountSum24h,
        w.TxCount7d,
        w.AmountSum7d,
        w.TxCount30d,
        w.AmountSum30d,
        w.DistinctCities1h,
        w.AppliedCount,
        Finite(w.AmountMean),
        Finite(w.AmountStdDev),
        w.MerchantCategoriesSeen,
        w.KnownDevices,
        w.NewestEventTime,
        w.Watermark);

    private static List<CardTransactionView> Recent(IReadOnlyList<RecentTransaction> recent)
    {
        var views = new List<CardTransactionView>(recent.Count);
        foreach (var transaction in recent)
        {
            views.Add(new CardTransactionView(transaction.Timestamp, transaction.Amount, transaction.Latitude, transaction.Longitude));
        }

        return views;
    }

    private static List<CardDecisionView> Decisions(IReadOnlyList<AuditedDecision> decisions)
    {
        var views = new List<CardDecisionView>(decisions.Count);
        foreach (var decision in decisions)
        {
            var reasons = new List<CardReasonView>(decision.Reasons.Count);
            foreach (var reason in decision.Reasons)
            {
                reasons.Add(new CardReasonView(reason.Feature, reason.Text, reason.Contribution));
            }

            views.Add(new CardDecisionView(
                decision.TransactionId,
                decision.DecisionTime,
                decision.Probability,
                Math.Round(decision.Probability * 100.0, 2),
                TransactionContract.DecisionName(decision.Decision),
                decision.ModelName,
                decision.ModelVersion,
                reasons));
        }

        return views;
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
