using System.Text.Json.Serialization;

namespace ShampooActors.Host.Checkpoints;

/// <summary>
/// The JSON part of a checkpoint file: what the binary part holds, in order, and the small state that is not tensors;
/// <see cref="WallSeconds"/>, the training seconds the run had taken, is absent from files written before it existed.
/// </summary>
internal sealed record CheckpointHeader(
    long Step,
    IReadOnlyList<TensorEntry> Model,
    string Optimizer,
    int OptimizerVersion,
    IReadOnlyList<GroupEntry> Groups,
    IReadOnlyList<ParameterEntry> State,
    long SchedulerStep,
    IReadOnlyList<double> BaseLrs,
    int Epoch,
    int BatchIndex,
    int BatchSize,
    ulong RngState,
    int PermutationLength,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? WallSeconds = null);

/// <summary>A tensor of the binary part: its name and shape (float32, row-major).</summary>
internal sealed record TensorEntry(string Name, int[] Shape);

/// <summary>A parameter group: its options record as JSON and its parameters' shapes.</summary>
internal sealed record GroupEntry(System.Text.Json.JsonElement Options, int[][] Shapes);

/// <summary>One parameter's optimizer state: its position, step count, buffers (in the binary part) and counters.</summary>
internal sealed record ParameterEntry(int Index, long Step, IReadOnlyList<TensorEntry> Buffers, IReadOnlyDictionary<string, long> Counters);
