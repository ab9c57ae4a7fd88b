using Microsoft.Extensions.Options;

namespace FraudActors.Silo.Hosting;

internal sealed class GrainRuntimeOptionsValidator : IValidateOptions<GrainRuntimeOptions>
{
    public ValidateOptionsResult Validate(string? name, GrainRuntimeOptions options)
    {
        var failures = new List<string>();
        if (options.IdleAge <= TimeSpan.Zero)
        {
            failures.Add($"{nameof(GrainRuntimeOptions.IdleAge)} must be positive (was {options.IdleAge}).");
        }

        if (options.SweepInterval <= TimeSpan.Zero || options.SweepInterval.TotalMilliseconds > uint.MaxValue - 1)
        {
            failures.Add($"{nameof(GrainRuntimeOptions.SweepInterval)} must be positive and below 49 days (was {options.SweepInterval}).");
        }

        if (options.MaxActivations < 1)
        {
            failures.Add($"{nameof(GrainRuntimeOptions.MaxActivations)} must be at least 1 (was {options.MaxActivations}).");
        }

        if (options.StatelessWorkerPoolSize < 1)
        {
            failures.Add($"{nameof(GrainRuntimeOptions.StatelessWorkerPoolSize)} must be at least 1 (was {options.StatelessWorkerPoolSize}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
