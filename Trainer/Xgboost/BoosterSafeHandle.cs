using Microsoft.Win32.SafeHandles;

namespace FraudActors.Trainer.Xgboost;

/// <summary>Owns a <c>BoosterHandle</c>; freed exactly once, even when the owner is not disposed.</summary>
internal sealed class BoosterSafeHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public BoosterSafeHandle(nint handle)
        : base(ownsHandle: true) => SetHandle(handle);

    protected override bool ReleaseHandle() => XgboostNative.XGBoosterFree(handle) == 0;
}
