namespace FraudActors.Trainer.Simulation;

/// <summary>How a merchant category behaves in the default scenario.</summary>
/// <param name="Name">One of MerchantCategories.Names.</param>
/// <param name="MedianAmount">Median ticket in EUR for an average cardholder.</param>
/// <param name="Sigma">Log-space spread of the ticket.</param>
/// <param name="ShopWeight">Relative share of physical merchants in this category.</param>
/// <param name="WebWeight">Relative share of online merchants in this category.</param>
internal readonly record struct CategoryProfile(string Name, double MedianAmount, double Sigma, double ShopWeight, double WebWeight);
