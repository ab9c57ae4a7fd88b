using FraudActors.Silo.Audit;

namespace FraudActors.Trainer.Reporting;

/// <summary>An open audit log and what must be disposed with it.</summary>
internal sealed class AuditStoreHandle(IAuditReader reader, object owner) : IAsyncDisposable
{
    public IAuditReader Reader => reader;

    public async ValueTask DisposeAsync()
    {
        switch (owner)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
