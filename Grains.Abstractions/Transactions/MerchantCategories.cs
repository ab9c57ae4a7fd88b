using System.Collections.Frozen;

namespace FraudActors.Grains.Abstractions.Transactions;

/// <summary>
/// The merchant categories the product knows, each with a small index (fits a 64-bit "seen" mask per card)
/// and a risk prior. The priors encode common industry experience (digital goods, gambling and money
/// transfer are abused more than groceries); they are a fixed input, not fitted on any data set, so they
/// cannot leak labels. Learned merchant risk comes from the merchant grain.
/// </summary>
public static class MerchantCategories
{
    private static readonly (string Name, float Risk)[] Table =
    [
        ("grocery", 0.10f),
        ("restaurant", 0.15f),
        ("fuel", 0.25f),
        ("transport", 0.20f),
        ("travel", 0.50f),
        ("hotel", 0.30f),
        ("retail", 0.30f),
        ("clothing", 0.40f),
        ("electronics", 0.80f),
        ("jewelry", 0.80f),
        ("digital_goods", 0.90f),
        ("gambling", 0.90f),
        ("pharmacy", 0.15f),
        ("health", 0.10f),
        ("entertainment", 0.30f),
        ("utilities", 0.05f),
        ("atm", 0.50f),
        ("money_transfer", 0.85f),
        ("online_marketplace", 0.60f),
        ("other", 0.30f),
    ];

    private static readonly FrozenDictionary<string, int> IndexByName =
        Table.Select((entry, index) => KeyValuePair.Create(entry.Name, index)).ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>All category names, in index order.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.AsReadOnly(Table.Select(entry => entry.Name).ToArray());

    public static int Count => Table.Length;

    public static bool TryGetIndex(string? name, out int index)
    {
        if (name is null)
        {
            index = -1;
            return false;
        }

        return IndexByName.TryGetValue(name, out index);
    }

    /// <summary>The risk prior of the category at <paramref name="index"/>, in [0, 1].</summary>
    public static float RiskPrior(int index) => Table[index].Risk;
}
