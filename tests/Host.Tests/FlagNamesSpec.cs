namespace ShampooActors.Host.Tests;

public sealed class FlagNamesSpec
{
    [Theory]
    [InlineData("Lr", "lr")]
    [InlineData("WeightDecay", "weight-decay")]
    [InlineData("InitialAccumulatorValue", "initial-accumulator-value")]
    [InlineData("Beta2", "beta2")]
    public void Options_record_properties_map_to_kebab_case_flags(string property, string flag) =>
        Assert.Equal(flag, TrainingRun.Flag(property));
}
