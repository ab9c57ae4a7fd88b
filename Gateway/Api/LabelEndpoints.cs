using System.Globalization;
using FraudActors.Gateway.Security;
using FraudActors.Grains.Abstractions.Merchant;
using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Grains.Abstractions.Transactions;
using FraudActors.Silo.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace FraudActors.Gateway.Api;

/// <summary>POST /v1/labels: confirmed fraud / genuine feedback, to the merchants' risk windows and the audit log.</summary>
internal static class LabelEndpoints
{
    public static RouteGroupBuilder MapLabelEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/labels").WithTags("Labels").RequireAuthorization(ApiScopes.Read);
        group.MapPost("/", RecordAsync)
            .Accepts<List<LabelRequest>>("application/json")
            .WithSummary("Record confirmed labels: [{transactionId, merchantId, transactionTime, isFraud, knownAt?}]");
        return group;
    }

    public static async Task<Results<Ok<LabelsResponse>, ValidationProblem, ProblemHttpResult>> RecordAsync(
        HttpRequest request,
        RequestBody body,
        IGrainFactory grains,
        TimeProvider time,
        IOptions<ApiOptions> options,
        IServiceProvider services,
        CancellationToken cancellationToken)
    {
        var (bytes, tooLarge) = await body.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var items = body.Deserialize<List<LabelRequest>>(bytes, errors);
        if (items is null)
        {
            return TransactionEndpoints.Invalid(errors);
        }

        if (items.Count == 0 || items.Count > options.Value.MaxBatchSize)
        {
            errors["body"] = [$"must be an array of 1 to {options.Value.MaxBatchSize} labels."];
            return TransactionEndpoints.Invalid(errors);
        }

        var now = time.GetUtcNow();
        var labels = new List<TransactionLabel>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (Create(items[i], $"[{i}].", now, errors) is { } label)
            {
                labels.Add(label);
            }
        }

        if (errors.Count > 0)
        {
            return TransactionEndpoints.Invalid(errors);
        }

        var changed = 0;
        foreach (var label in labels)
        {
            if (await grains.GetGrain<IMerchantGrain>(label.MerchantId).RecordLabelAsync(label).ConfigureAwait(false))
            {
                changed++;
            }
        }

        var audited = 0;
        if (services.GetService<IAuditReader>() is { } audit)
        {
            audited = await audit.UpsertLabelsAsync(labels, cancellationToken).ConfigureAwait(false);
        }

        return TypedResults.Ok(new LabelsResponse(labels.Count, changed, audited));
    }

    private static TransactionLabel? Create(LabelRequest? item, string prefix, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        if (item is null)
        {
            errors[prefix.TrimEnd('.')] = ["must be a JSON object."];
            return null;
        }

        var before = errors.Count;
        RequireId(item.TransactionId, prefix + "transactionId", errors);
        RequireId(item.MerchantId, prefix + "merchantId", errors);
        var transactionTime = UtcTime(item.TransactionTime, prefix + "transactionTime", required: true, errors);
        var knownAt = UtcTime(item.KnownAt, prefix + "knownAt", required: false, errors) ?? now;
        if (item.IsFraud is null)
        {
            errors[prefix + "isFraud"] = ["is required: true or false."];
        }

        if (transactionTime is { } t && knownAt < t)
        {
            errors[prefix + "knownAt"] = ["must not be before transactionTime."];
        }

        return errors.Count == before
            ? new TransactionLabel(item.TransactionId!, item.MerchantId!, transactionTime!.Value, item.IsFraud!.Value, knownAt)
            : null;
    }

    private static void RequireId(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = ["is required."];
        }
        else if (value.Length > TransactionValidator.MaxIdLength)
        {
            errors[field] = [$"must be at most {TransactionValidator.MaxIdLength} characters."];
        }
    }

    private static DateTimeOffset? UtcTime(string? value, string field, bool required, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            if (required)
            {
                errors[field] = ["is required."];
            }

            return null;
        }

        if (value.Length is > 10 and < 64 && value[^1] is 'Z' or 'z'
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            && time.Offset == TimeSpan.Zero && time.Year is >= 2000 and <= 2100)
        {
            return time;
        }

        errors[field] = ["must be an ISO-8601 UTC time between 2000 and 2100, e.g. 2026-01-01T08:30:00Z."];
        return null;
    }
}
