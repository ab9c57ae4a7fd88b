using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Grains.Abstractions.Transactions;
using FraudActors.Silo.Runtime;

namespace FraudActors.Silo.Tests.Runtime;

public sealed class TurnMethodsTests
{
    [Fact]
    public void A_reference_lambda_is_named_after_the_grain_method_it_proxies()
    {
        Func<ICardholderGrain, CardTransaction, ValueTask<TransactionOutcome>> call = static (grain, tx) => grain.ProcessAsync(tx);
        // Written here, the lambda is named after this test method: the name between '<' and '>' is what is reported.
        TurnMethods.NameOf(call.Method).Should().Be(nameof(A_reference_lambda_is_named_after_the_grain_method_it_proxies));
        TurnMethods.TagOf(call).Value.Should().Be(nameof(A_reference_lambda_is_named_after_the_grain_method_it_proxies));
        TurnMethods.NameOf(typeof(TurnMethodsTests).GetMethod(nameof(A_reference_lambda_is_named_after_the_grain_method_it_proxies))!)
            .Should().Be(nameof(A_reference_lambda_is_named_after_the_grain_method_it_proxies), "a plain method keeps its own name");
    }
}
