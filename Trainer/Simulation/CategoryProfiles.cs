using FraudActors.Grains.Abstractions.Transactions;

namespace FraudActors.Trainer.Simulation;

/// <summary>The default scenario's category table, indexed like <see cref="MerchantCategories"/>.</summary>
internal static class CategoryProfiles
{
    private static readonly CategoryProfile[] Table = Build(
    [
        new("grocery", 35, 0.6, 20, 1),
        new("restaurant", 28, 0.5, 18, 2),
        new("fuel", 55, 0.35, 6, 0),
        new("transport", 12, 0.7, 5, 3),
        new("travel", 320, 0.7, 1, 4),
        new("hotel", 180, 0.6, 3, 3),
        new("retail", 45, 0.8, 12, 6),
        new("clothing", 70, 0.6, 8, 5),
        new("electronics", 180, 0.9, 3, 5),
        new("jewelry", 250, 0.9, 1, 1),
        new("digital_goods", 12, 0.8, 0, 8),
        new("gambling", 40, 0.9, 1, 2),
        new("pharmacy", 22, 0.6, 6, 1),
        new("health", 80, 0.7, 3, 0),
        new("entertainment", 30, 0.6, 5, 4),
        new("utilities", 75, 0.4, 0, 4),
        new("atm", 100, 0.6, 4, 0),
        new("money_transfer", 150, 0.8, 1, 2),
        new("online_marketplace", 40, 0.8, 0, 10),
        new("other", 30, 0.8, 3, 1),
    ]);

    public static int Count => Table.Length;

    public static ref readonly CategoryProfile Get(int category) => ref Table[category];

    public static int IndexOf(string name) =>
        MerchantCategories.TryGetIndex(name, out var index) ? index : throw new ArgumentException($"unknown category '{name}'", nameof(name));

    // Arrange by the contract's index so a category byte means the same thing everywhere.
    private static CategoryProfile[] Build(CategoryProfile[] profiles)
    {
        var table = new CategoryProfile[MerchantCategories.Count];
        foreach (var profile in profiles)
        {
            table[IndexOf(profile.Name)] = profile;
        }

        for (var i = 0; i < table.Length; i++)
        {
            if (table[i].Name is null)
            {
                throw new InvalidOperationException($"category '{MerchantCategories.Names[i]}' has no simulation profile.");
            }
        }

        return table;
    }
}
