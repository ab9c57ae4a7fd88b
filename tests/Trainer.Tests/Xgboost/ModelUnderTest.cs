using FraudActors.Grains.Scoring;
using FraudActors.Trainer.Xgboost;

namespace FraudActors.Trainer.Tests.Xgboost;

internal sealed record ModelUnderTest(string Name, XgbBooster Native, GradientBoostedModel Managed)
{
    public override string ToString() => Name;
}
