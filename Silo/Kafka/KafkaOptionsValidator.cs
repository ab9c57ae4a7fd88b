using Microsoft.Extensions.Options;

namespace FraudActors.Silo.Kafka;

/// <summary>Fails the host at start with every problem <see cref="KafkaOptions.Validate"/> finds.</summary>
internal sealed class KafkaOptionsValidator : IValidateOptions<KafkaOptions>
{
    public ValidateOptionsResult Validate(string? name, KafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
