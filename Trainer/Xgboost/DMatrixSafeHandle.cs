using Microsoft.Win32.SafeHandles;

namespace FraudActors.Trainer.Xgboost;

/// <summary>Owns a <c>DMatrixHandle</c> (also a proxy DMatrix); freed exactly once, even when the owner is not disposed.</summary>
internal sealed class DMatrixSafeHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public DMatrixSafeHandle(nint handle)
        : base(ownsHandle: true) => SetHandle(handle);

    protected override bool ReleaseHandle() => XgboostNative.XGDMatrixFree(handle) == 0;
}
