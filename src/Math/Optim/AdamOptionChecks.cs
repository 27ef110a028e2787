namespace ShampooActors.Math.Optim;

/// <summary>The range checks Adam and AdamW share (those of torch.optim.Adam's constructor).</summary>
internal static class AdamOptionChecks
{
    /// <summary>Throws for the first out-of-range value, in PyTorch's order.</summary>
    public static void Validate(string owner, double lr, double beta1, double beta2, double eps, double weightDecay)
    {
        OptionChecks.NonNegative(owner, "Lr", lr);
        OptionChecks.NonNegative(owner, "Eps", eps);
        OptionChecks.UnitInterval(owner, "Beta1", beta1);
        OptionChecks.UnitInterval(owner, "Beta2", beta2);
        OptionChecks.NonNegative(owner, "WeightDecay", weightDecay);
    }
}
